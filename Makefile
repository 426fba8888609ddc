# The two commands: `make run` and `make test`. Everything else is a helper for them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint format migrate demo bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(STAMP)

migrate: $(STAMP)
	$(BIN)/dlm migrate --noinput

demo: migrate
	$(BIN)/dlm demo

# the developer's machine: debugging on (the app defaults to off)
run: demo
	DLM_DEBUG=1 $(BIN)/dlm runserver 127.0.0.1:8000

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy
	DLM_DATABASE_URL= $(BIN)/dlm makemigrations --check --dry-run

format: $(STAMP)
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

test: lint
	$(BIN)/pytest

bench: demo
	$(BIN)/python bench/pages.py

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
