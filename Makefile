# Two commands set up everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
LINT_PATHS := $(wildcard src tests scripts benchmarks)

.PHONY: install run test lint format bench-accuracy clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

## Extract quotes from the bundled sample articles into data/out/.
run: install
	$(BIN)/quotegrab extract data/raw --out data/out

## Lint, type-check and run the whole test suite.
test: install
	$(BIN)/ruff check $(LINT_PATHS)
	$(BIN)/ruff format --check $(LINT_PATHS)
	$(BIN)/mypy src
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check $(LINT_PATHS)
	$(BIN)/mypy src

format: install
	$(BIN)/ruff format $(LINT_PATHS)
	$(BIN)/ruff check --fix $(LINT_PATHS)

## Accuracy of quotegrab and textacy on tests/gold (installs the bench extra).
bench-accuracy: install
	$(BIN)/python -m pip install --quiet -e ".[dev,bench]"
	$(BIN)/python benchmarks/accuracy.py tests/gold

clean:
	rm -rf $(VENV) data/out/*.jsonl data/out/*.csv
