# Two commands set everything up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
# The CPU build of torch that lies on this machine's disk; never a CUDA build.
PIP    := $(BIN)/pip install --disable-pip-version-check --quiet

.PHONY: run test install install-dev browser translations messages db demo lint clean

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

# After changing user-facing strings: refresh the catalogues, then translate the new entries.
# `msg` marks the use-cases' messages (service/usecases/messages.py).
messages: install-dev
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -k msg \
		-o service/translations/messages.pot service
	$(BIN)/pybabel update --no-wrap -i service/translations/messages.pot -d service/translations
	rm service/translations/messages.pot

# The browser tests drive Debian's chromium (Playwright's own download cannot run here).
# As root, install it; otherwise stop at once and say the one command to run.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing Debian's chromium for the browser tests (apt-get)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "make test needs Debian's chromium: run 'sudo apt-get install chromium', then make test again" >&2; \
	    exit 1; \
	  fi; }

db: install
	$(BIN)/jumush db upgrade

demo: db
	$(BIN)/jumush seed-demo --if-empty
	$(BIN)/jumush reindex

# Serve on http://127.0.0.1:8000 with the embedded SQLite database and demo data.
run: demo
	$(BIN)/jumush serve --host 127.0.0.1 --port 8000

# The whole suite; DATABASE_URL=postgresql://... runs it on PostgreSQL instead of SQLite.
test: install-dev browser
	$(BIN)/pytest

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

clean:
	rm -rf $(VENV) instance .pytest_cache .mypy_cache .ruff_cache
