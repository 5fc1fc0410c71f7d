"""`python -m solver` runs the hybridplan command."""

from solver.cli import main

main()
