# Two commands do all the set-up: `make demo` and `make test` (see README.md).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DB     ?= newsgraph.db

.PHONY: demo test bench install clean

# The environment is rebuilt whenever pyproject.toml changes: the demo needs the package alone,
# the tests also the test tools and pyspark (the Spark tests).
$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,spark]'
	touch $@

install: $(VENV)/.installed-test

demo: $(VENV)/.installed
	$(BIN)/newsgraph demo --db $(DB)

test: $(VENV)/.installed-test
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(BIN)/python -m pytest

bench: $(VENV)/.installed-test
	$(BIN)/python -m bench.extraction
	$(BIN)/python -m bench.ingest
	$(BIN)/python -m bench.enrich
	$(BIN)/python -m bench.geo
	$(BIN)/python -m bench.quotes
	$(BIN)/python -m bench.events
	$(BIN)/python -m bench.facts
	$(BIN)/python -m bench.reuse
	$(BIN)/python -m bench.web
	$(BIN)/python -m bench.scale

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm
