"""hybridplan.core: the solver itself. The build context and the CP-SAT model (context.py,
model.py) with one module per rule (rules/), the staged solve (solving.py, stages.py,
first_plan.py), the rules' plain checks (checking.py), and what the model and the checks
share: pairs of placements, counts, volume, session load, coach objections and the coach
preference, and the plan metrics. It imports hybridplan.models and nothing above it."""
