"""hybridplan.batch: many scenarios at once, random scenarios, and rule-set comparison."""
