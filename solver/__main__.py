"""`python -m hybridplan` runs the hybridplan command."""

from hybridplan.cli import main

main()
