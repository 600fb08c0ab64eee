# ConflictNews: the two set-up commands of README.md live here.
#   make all    install, fetch + verify every upstream file, read every source, print corpus stats
#   make test   install with the test extras and run the full test suite
# Later stages (curate, build, validate, baselines) join `all` as they land.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip
EXTRAS ?= dev

.PHONY: all test install fetch read stats clean

all: install fetch read stats

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Re-install when pyproject.toml changes; the stamp names the extras installed.
$(VENV)/.installed-$(EXTRAS): pyproject.toml | $(BIN)/python
	$(PIP) install --quiet --disable-pip-version-check -e '.[$(EXTRAS)]'
	touch $@

install: $(VENV)/.installed-$(EXTRAS)

fetch: install
	$(BIN)/conflictnews corpus fetch

read: install
	$(BIN)/conflictnews corpus read

stats: install
	$(BIN)/conflictnews corpus stats

test: install
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) data dist
