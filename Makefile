# Two commands set everything up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
# The CPU build of torch that lies on this machine's disk; never a CUDA build.
PIP    := $(BIN)/pip install --disable-pip-version-check --quiet

.PHONY: run test install install-dev translations db demo lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --disable-pip-version-check --quiet --upgrade pip

install: $(BIN)/python
	$(PIP) -e .
	$(MAKE) --no-print-directory translations

install-dev: $(BIN)/python
	$(PIP) -e '.[dev]'
	$(MAKE) --no-print-directory translations

translations:
	$(BIN)/pybabel compile --statistics -d service/translations

db: install
	$(BIN)/jumush db upgrade

demo: db
	$(BIN)/jumush seed-demo --if-empty
	$(BIN)/jumush reindex

# Serve on http://127.0.0.1:8000 with the embedded SQLite database and demo data.
run: demo
	$(BIN)/jumush serve --host 127.0.0.1 --port 8000

# The whole suite; DATABASE_URL=postgresql://... runs it on PostgreSQL instead of SQLite.
test: install-dev
	$(BIN)/pytest

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

clean:
	rm -rf $(VENV) instance .pytest_cache .mypy_cache .ruff_cache
