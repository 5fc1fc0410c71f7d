"""hybridplan.planner: the planner's calls beyond solve(): replanning after real life."""
