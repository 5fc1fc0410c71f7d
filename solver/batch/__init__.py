"""hybridplan.batch: many scenarios at once (discovery, tasks, running, writing, the batch
engine), random scenarios (generate) and rule-set comparison (compare)."""
