# Two commands on a fresh machine (each makes its own virtual environment from pyproject.toml):
#   make demo   set up, then solve every shipped scenario (tables on screen; a batch into out/)
#   make test   set up, then lint, type-check and run the test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
SOURCES_LIST := $(VENV)/.sources
SCENARIOS := $(wildcard scenarios/*.yaml scenarios/*.toml scenarios/*.json)
SCENARIOS := $(filter-out scenarios/scenario.schema.json,$(SCENARIOS))
# The package's files. `hybridplan` is installed in setuptools' strict editable mode (a
# tree of links under build/ that maps solver/ to hybridplan and models/ to
# hybridplan.models, which mypy can read too); a file added or removed needs the link tree
# made again, so `install` redoes it whenever this list changes.
SOURCES := $(sort $(shell find solver models -type f \( -name '*.py' -o -name '*.yaml' -o -name py.typed -o -name '*.html' -o -name '*.js' -o -name '*.css' -o -name '*.svg' -o -name '*.mako' \) -not -path '*/__pycache__/*' 2>/dev/null))
# setuptools announces every strict editable install in a warning box; it is what we ask
# for, so that one warning is silenced (any other still shows).
QUIET_EDITABLE := PYTHONWARNINGS="ignore:Editable installation"
EDITABLE := $(QUIET_EDITABLE) $(BIN)/python -m pip install --quiet --no-build-isolation \
	--no-deps --config-settings editable_mode=strict -e .

.PHONY: demo test test-slow install browser lint typecheck docs-site pytest bench schema docs clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip "setuptools>=77" wheel
	$(QUIET_EDITABLE) $(BIN)/python -m pip install --quiet --no-build-isolation \
		--config-settings editable_mode=strict -e ".[dev]"
	@printf '%s\n' $(SOURCES) > $(SOURCES_LIST)
	touch $(STAMP)

install: $(STAMP)
	@printf '%s\n' $(SOURCES) | cmp -s - $(SOURCES_LIST) || { \
		echo "package files changed: relinking the editable install"; \
		$(EDITABLE) && printf '%s\n' $(SOURCES) > $(SOURCES_LIST); }

# Exit code 1 from `solve` means "some scenario is infeasible": one shipped scenario is
# infeasible on purpose, so the demo accepts 1 and fails only on 2 (bad input) or worse.
demo: install
	$(BIN)/hybridplan solve $(SCENARIOS); rc=$$?; test $$rc -le 1
	$(BIN)/hybridplan solve scenarios --out out --force --jobs 2; rc=$$?; test $$rc -le 1

test: lint typecheck docs-site pytest

lint: install
	$(BIN)/ruff check models solver tests benchmarks

typecheck: install
	$(BIN)/mypy

# The documentation site (docs/mkdocs.yml, pages in docs/pages/) into build/site/; any
# warning (a broken link or anchor, a page missing from the navigation) fails it.
docs-site: install
	cd docs && NO_MKDOCS_2_WARNING=1 ../$(BIN)/mkdocs build --strict --quiet

# The service's browser tests drive Debian's Chromium with Playwright (never a browser
# that Playwright downloads); the service tutorial's examples use curl and jq. Installed
# here when missing (the machines run as root). If they cannot be installed, the tests
# fail rather than skip.
browser:
	@test -x /usr/bin/chromium -a -x /usr/bin/curl -a -x /usr/bin/jq || { apt-get update && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y chromium curl jq; }

pytest: install browser
	$(BIN)/pytest

# The opt-in full-size checks (every block in a fresh interpreter, HiGHS on every block,
# the issues' full sizes): tens of minutes; figures in the notes.
test-slow: install browser
	$(BIN)/pytest -m slow

bench: install
	$(BIN)/python benchmarks/solve_speed.py --rules all
	$(BIN)/python benchmarks/explain_speed.py

# Generated files, kept in step by tests: the scenario JSON Schema, and the documentation's
# reference pages (command line, HTTP API, result fields, the rule table).
schema: install
	$(BIN)/hybridplan schema > scenarios/scenario.schema.json

docs: install
	$(BIN)/python docs/generate.py

clean:
	rm -rf $(VENV) build out .pytest_cache .mypy_cache .ruff_cache .hypothesis
