# ConflictNews: the two set-up commands of README.md live here.
#   make all    install, fetch + verify every upstream file, read every source, print corpus stats
#   make test   install with the test extras; lint, format, type and import-layer checks; the full test suite
#   make all TRANSFORMERS=1   also fine-tunes the transformer baselines (about 10 minutes on 2 CPU cores)

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip
EXTRAS ?= dev,curation,labelstudio,dataset,preannotate,baselines,transformers

.PHONY: all test lint install fetch read curate import-gold preannotate validate build baselines stats clean

all: install fetch read curate import-gold preannotate validate build baselines stats

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Re-install when pyproject.toml changes.
# seqeval 1.2.2 is an sdist whose setup_requires pulls a setuptools_scm that cannot build in
# pip's isolated environment; installing its build needs first avoids that.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(PIP) install --quiet --disable-pip-version-check setuptools_scm wheel
	$(PIP) install --quiet --disable-pip-version-check --no-build-isolation seqeval==1.2.2
	$(PIP) install --quiet --disable-pip-version-check -e '.[$(EXTRAS)]'
	touch $@

install: $(VENV)/.installed

fetch: install
	$(BIN)/conflictnews corpus fetch

read: install
	$(BIN)/conflictnews corpus read

curate: fetch
	$(BIN)/conflictnews curate --workers 2

# re3d's and GUM's gold entity layers for the manifest's articles (deterministic; committed).
import-gold: curate
	$(BIN)/conflictnews import-gold

# Silver layer: restores from the committed annotations/silver/<model>.jsonl.gz, predicts only what changed.
preannotate: curate
	$(BIN)/conflictnews preannotate --workers 2

validate: curate import-gold preannotate
	$(BIN)/conflictnews validate

# The typed Hugging Face folder dist/conflictnews/ (not committed), verified after writing.
build: validate
	$(BIN)/conflictnews build
	$(BIN)/conflictnews build --verify

# Fast baselines by default (about a minute); `make all TRANSFORMERS=1` adds the fine-tuned MiniLM ones.
BASELINE_FLAGS := --all $(if $(TRANSFORMERS),--transformers,)
baselines: build
	$(BIN)/conflictnews baseline run $(BASELINE_FLAGS)
	$(BIN)/conflictnews results

stats: install
	$(BIN)/conflictnews corpus stats

# Lint, format, types and the stage order (import-linter's layers contract) first: any of them fails the run.
lint: install
	$(BIN)/ruff check src tests scripts
	$(BIN)/ruff format --check src tests scripts
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) data dist
