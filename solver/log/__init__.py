"""Training as the athlete lives it: the load of each day and the fitness, fatigue and form
it builds (the fitness-fatigue model). Reads results; imports nothing above the planner's
floor."""
