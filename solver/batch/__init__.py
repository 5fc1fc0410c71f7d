"""hybridplan.batch: many scenarios at once (discovery, tasks, a pool of workers or Dask,
resumable output directories) and random scenarios; rule-set comparison is hybridplan.bench."""
