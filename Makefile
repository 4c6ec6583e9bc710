# Two commands do all the set-up: `make demo` and `make test` (see README.md).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DB     ?= newsgraph.db

.PHONY: demo test bench install clean

# The environment is rebuilt whenever pyproject.toml changes.
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,spark]'
	touch $@

install: $(VENV)/.installed

demo: $(VENV)/.installed
	$(BIN)/newsgraph demo --db $(DB)

test: $(VENV)/.installed
	$(BIN)/python -m pytest

bench: $(VENV)/.installed
	$(BIN)/python -m bench.extraction
	$(BIN)/python -m bench.ingest

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm
