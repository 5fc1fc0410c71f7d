"""hybridplan.outputs: one plan's views: tables, exports (ics, png, html, md, csv, fit), the
starter scenario, the rule table, safe writes. The bench's report is hybridplan.bench."""
