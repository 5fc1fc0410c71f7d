"""hybridplan.explanations: minimal conflicts, score analysis, and diffs of two results."""
