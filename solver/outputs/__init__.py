"""hybridplan.outputs: tables, exports (ics, png, html, md, csv), reports, safe writes."""
