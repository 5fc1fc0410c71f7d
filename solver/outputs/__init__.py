"""hybridplan.outputs: what people read (terminal tables, Markdown, CSV, JSON), exports
(iCalendar, PNG, HTML), the comparison report, safe file writing and generated docs."""
