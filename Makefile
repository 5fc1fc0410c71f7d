# Two commands on a fresh machine (each makes its own virtual environment from pyproject.toml):
#   make demo   set up, then solve every shipped scenario (tables on screen; a batch into out/)
#   make test   set up, then lint, type-check and run the test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
SCENARIOS := $(wildcard scenarios/*.yaml scenarios/*.toml scenarios/*.json)
SCENARIOS := $(filter-out scenarios/scenario.schema.json,$(SCENARIOS))

.PHONY: demo test lint typecheck pytest bench schema clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

# Exit code 1 from `solve` means "some scenario is infeasible": one shipped scenario is
# infeasible on purpose, so the demo accepts 1 and fails only on 2 (bad input) or worse.
demo: $(STAMP)
	$(BIN)/hybridplan solve $(SCENARIOS); rc=$$?; test $$rc -le 1
	$(BIN)/hybridplan solve scenarios --out out --force --jobs 2; rc=$$?; test $$rc -le 1

test: lint typecheck pytest

lint: $(STAMP)
	$(BIN)/ruff check models solver tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/solve_speed.py --rules all
	$(BIN)/python benchmarks/explain_speed.py

schema: $(STAMP)
	$(BIN)/hybridplan schema > scenarios/scenario.schema.json

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache .hypothesis
