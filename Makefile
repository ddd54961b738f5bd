# The two commands: `make run` and `make test`. Each installs what is missing.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PORTAL_PORT ?= 8000
export PATH := $(CURDIR)/$(VENV)/bin:$(PATH)
export REFLEX_USE_NPM := 1
export REFLEX_TELEMETRY_ENABLED := false
export PORTAL_PORT

.PHONY: run test install chromium lint

$(VENV)/.installed: pyproject.toml
	@test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check --upgrade pip
	$(PY) -m pip install -q --disable-pip-version-check -e '.[test]'
	@touch $@

install: $(VENV)/.installed

# Debian's chromium for the browser tests (Playwright cannot download here);
# elsewhere fall back to Playwright's own download.
chromium: install
	@if ! command -v chromium >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    $(PY) -m playwright install chromium; \
	  fi; \
	fi

run: install
	$(PY) -m portal prepare
	reflex run --env prod --single-port --backend-port $(PORTAL_PORT)

# Tests whose SQL differs by dialect (migrations, backup round trip, dashboards'
# aggregates, readings, fleet upserts, API and collector) run a second time against
# PostgreSQL when one answers on 127.0.0.1:5432; the whole suite would not fit in CI's time.
PG_TESTS := tests/api tests/collector $(addprefix tests/services/test_,$(addsuffix .py,\
  migrations backup dashboards volume readings fleet fleet_import capture home))

test: install chromium
	$(VENV)/bin/ruff check portal knowledge_index tests benchmarks rxconfig.py alembic
	PORTAL_FAST_HASH=1 $(PY) -m pytest tests/services tests/api tests/collector tests/state tests/knowledge_index tests/e2e
	# Its own process: after it, Playwright's sync API found an asyncio loop running and refused.
	PORTAL_FAST_HASH=1 $(PY) -m pytest tests/security
	@if $(PY) -c "import socket; socket.create_connection(('127.0.0.1', 5432), 2)" 2>/dev/null; then \
	  echo "PostgreSQL answers on 127.0.0.1:5432: dialect-sensitive tests against it"; \
	  PORTAL_FAST_HASH=1 PORTAL_TEST_POSTGRES_URL=$${PORTAL_TEST_POSTGRES_URL:-postgresql://postgres@127.0.0.1:5432/test} \
	    $(PY) -m pytest $(PG_TESTS); \
	fi

lint: install
	$(VENV)/bin/ruff check portal knowledge_index tests benchmarks rxconfig.py alembic
	$(VENV)/bin/ruff format --check portal knowledge_index tests benchmarks
