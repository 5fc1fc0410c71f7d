"""hybridplan.planner: the planner's calls beyond solve(), such as replanning."""
