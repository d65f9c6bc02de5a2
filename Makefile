# Thi Đua Số — every command does its own set-up on a fresh machine.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PG_TEST_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test
CHROMIUM := /usr/bin/chromium
# Backend tests run in this many processes (pytest-xdist), a test file per process at a time; 0 runs them in one.
TEST_WORKERS ?= 2
PYTEST := $(BIN)/pytest $(if $(filter-out 0,$(TEST_WORKERS)),-n $(TEST_WORKERS) --dist loadfile)

.PHONY: run test bench test-backends test-browser-and-fuzz test-backend test-backend-sqlite test-backend-postgres test-frontend test-e2e \
        lint format \
        openapi install frontend fonts chromium office clean hooks

## make run: install, build the SPA, migrate, load the demo commune, serve on http://127.0.0.1:8000
run: install frontend fonts
	$(BIN)/python -m thidua.cli prepare
	@echo "Thi Đua Số: http://$(HOST):$(PORT)/  (API docs: http://$(HOST):$(PORT)/api/v1/docs)"
	$(BIN)/python -m thidua.cli serve --host $(HOST) --port $(PORT)

## make test: backend on SQLite and PostgreSQL, frontend unit tests, browser end-to-end tests
# (the audit asks the advisory services over the network while the linters use the cores)
test: install frontend chromium office
	$(MAKE) --no-print-directory -j2 --output-sync=target lint audit-deps
	$(MAKE) --no-print-directory -j2 --output-sync=target test-browser-and-fuzz test-backends

# Two lanes side by side, each at most one process beside the other lane's two test workers: the
# browser suite (most of its time waiting on Chromium and its server) and the fuzzing of both databases
# (one process: schemathesis reports its cases as subtests, which pytest-xdist loses); and the backend
# on SQLite, then on PostgreSQL, then the frontend's unit tests (the shorter lane; README: the figures).
test-browser-and-fuzz: install frontend chromium
	$(MAKE) --no-print-directory test-e2e
	$(MAKE) --no-print-directory fuzz-both

test-backends: install frontend fonts office
	$(MAKE) --no-print-directory FUZZ_AFTER=0 test-backend-sqlite
	$(MAKE) --no-print-directory FUZZ_AFTER=0 test-backend-postgres
	$(MAKE) --no-print-directory test-frontend

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

frontend/node_modules/.installed: frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund
	touch $@

# The SPA is built when a source changed since the last build (`make test` asks for it from several
# targets; building it once saves a minute of CI).
FRONTEND_SOURCES := $(shell find frontend/src frontend/public -type f 2>/dev/null) frontend/index.html \
  frontend/vite.config.ts frontend/tsconfig.json
frontend/dist/.built: frontend/node_modules/.installed $(FRONTEND_SOURCES)
	cd frontend && npm run build
	touch $@

frontend: frontend/dist/.built

# Fonts with full Vietnamese coverage (certificates, DOCX previews, the browser): Liberation Serif 2.
fonts:
	@if ! fc-list 2>/dev/null | grep -q "Liberation Serif"; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq fonts-liberation2 fonts-dejavu-core fontconfig >/dev/null \
	  || echo "Could not install fonts-liberation2: certificates fall back to DejaVu Serif if present"; \
	fi

# Debian's Chromium for the browser tests (Playwright's own download cannot work here).
chromium: fonts
	@if [ ! -x $(CHROMIUM) ]; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; \
	fi
	@test -x $(CHROMIUM) || { echo "Chromium is missing at $(CHROMIUM)"; [ "$$CI" != true ]; }

# LibreOffice (headless, no GUI) and poppler's pdftotext: the rendering test converts every generated
# document to PDF and reads it page by page (tests/api/test_document_rendering.py).
office: fonts
	@if ! command -v soffice >/dev/null || ! command -v pdftotext >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq libreoffice-writer-nogui poppler-utils >/dev/null; \
	fi
	@command -v soffice >/dev/null && command -v pdftotext >/dev/null \
	  || { echo "LibreOffice or pdftotext is missing"; [ "$$CI" != true ]; }

test-backend: test-backend-sqlite test-backend-postgres

# FUZZ_AFTER=0: the backend targets leave the fuzz suite out (`make test` fuzzes both databases in the
# other lane: fuzz-both).
FUZZ_AFTER ?= 1
PG_ANSWERS = $(BIN)/python -c "import psycopg; psycopg.connect('$(subst +psycopg,,$(PG_TEST_URL))', connect_timeout=3).close()" 2>/dev/null

test-backend-sqlite: install fonts office
	$(PYTEST) tests --ignore=tests/fuzz
	@if [ "$(FUZZ_AFTER)" != 0 ]; then $(MAKE) --no-print-directory fuzz-sqlite; fi

# fuzzing in one process: schemathesis reports its cases as subtests, which pytest-xdist loses
fuzz-sqlite: install
	$(BIN)/pytest tests/fuzz

# Starts the local PostgreSQL cluster when it does not answer (nothing when it does or cannot).
pg-up: install pg-client
	@if ! $(PG_ANSWERS) && command -v pg_ctlcluster >/dev/null; then \
	  pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start 2>/dev/null || true; sleep 2; \
	fi

# Runs again on PostgreSQL when it answers, but for the modules that touch no database (tests/conftest.py:
# NO_DATABASE_MODULES); in CI a missing PostgreSQL is a failure, not a skip.
test-backend-postgres: install fonts office pg-up
	@if $(PG_ANSWERS); then \
	  echo "== backend tests on PostgreSQL"; TEST_DATABASE_URL='$(PG_TEST_URL)' $(PYTEST) tests --ignore=tests/fuzz -m 'not no_db' \
	    && if [ "$(FUZZ_AFTER)" != 0 ]; then $(MAKE) --no-print-directory fuzz-postgres; fi; \
	elif [ "$$CI" = true ]; then echo "PostgreSQL is not reachable at $(PG_TEST_URL): failing (CI=true)"; exit 1; \
	else echo "SKIPPED: PostgreSQL not reachable at $(PG_TEST_URL)"; fi

# Each generated case sent to an app on SQLite and to one on PostgreSQL, in one process: generating
# the cases (35-45 % of a run in a profile) is done once for both databases.
fuzz-both: install pg-up
	@if $(PG_ANSWERS); then \
	  echo "== fuzzing on SQLite and PostgreSQL"; FUZZ_POSTGRES_URL='$(PG_TEST_URL)' $(BIN)/pytest tests/fuzz; \
	elif [ "$$CI" = true ]; then echo "PostgreSQL is not reachable at $(PG_TEST_URL): failing (CI=true)"; exit 1; \
	else echo "SKIPPED on PostgreSQL: not reachable at $(PG_TEST_URL)"; $(BIN)/pytest tests/fuzz; fi

fuzz-postgres: install pg-up
	@if $(PG_ANSWERS); then \
	  echo "== fuzzing on PostgreSQL"; TEST_DATABASE_URL='$(PG_TEST_URL)' $(BIN)/pytest tests/fuzz; \
	elif [ "$$CI" = true ]; then echo "PostgreSQL is not reachable at $(PG_TEST_URL): failing (CI=true)"; exit 1; \
	else echo "SKIPPED: PostgreSQL not reachable at $(PG_TEST_URL)"; fi

test-frontend: frontend/node_modules/.installed
	cd frontend && npm run lint && npm test

# Built by the `frontend` prerequisite (npm run test:e2e builds again, for a developer's run).
test-e2e: install frontend chromium
	cd frontend && node --test e2e/app.e2e.test.mjs

## make bench: the scoring engine alone, through the database and the API, bulk imports, concurrent load and
## the goals of issues 14 and 20 (prints numbers, and PASS/FAIL beside each goal)
bench: install
	$(BIN)/python bench/bench_scoring_engine.py
	$(BIN)/python bench/bench_scorecards_db.py
	@# imports of indicator values over HTTP against the raw driver, SQLite then PostgreSQL; BENCH_IMPORTS_ARGS=--million adds the 1,000,000-row job
	$(BIN)/python bench/bench_imports.py $(BENCH_IMPORTS_ARGS)
	@# 50 clients against uvicorn --workers 2 on PostgreSQL: a closed loop (no think time), then people who read
	@# each page for 1 s, on the same province (each prints a SKIPPED line without PostgreSQL)
	@# the closed loop also prints issue 14's goal (p95 < 150 ms)
	BENCH_KEEP_DB=1 $(BIN)/python bench/bench_concurrency.py
	BENCH_KEEP_DB=1 BENCH_REUSE_DB=1 BENCH_THINK_SECONDS=1 $(BIN)/python bench/bench_concurrency.py
	@# issue 14's goals for stored scores (rankings, writes, a training, the mixed load, re-scoring as a job),
	@# each beside its figure, on the same province, which it drops at the end; BENCH_QUICK=1 for a short run
	BENCH_REUSE_DB=1 $(BIN)/python bench/bench_stored_scores.py
	@# issue 20's goals: 150 communes × 20 schools under the Department, its dashboard, the cross-commune
	@# ranking and a commune's own ranking under the mixed load, and a commune's pages beside one commune alone
	$(BIN)/python bench/bench_province.py

.PHONY: backup restore pg-client pg-up audit-deps soak fuzz-sqlite fuzz-postgres fuzz-both

## make backup: the database and the uploaded files into var/backups/thidua-<UTC time>.tar.gz (OUTPUT=... to
## choose); the server may keep running. Prints the path and the size.
backup: install
	@if [[ "$$DATABASE_URL" == postgres* ]]; then $(MAKE) --no-print-directory pg-client; fi
	$(BIN)/python -m thidua.cli backup $(if $(OUTPUT),--output "$(OUTPUT)")

## make restore FILE=var/backups/thidua-<time>.tar.gz: checks the backup, keeps the current database in
## var/backups (…-before-restore.tar.gz), then replaces it. Stop the server first.
restore: install
	@test -n "$(FILE)" || { echo "usage: make restore FILE=var/backups/thidua-<time>.tar.gz"; exit 2; }
	@if [[ "$$DATABASE_URL" == postgres* ]]; then $(MAKE) --no-print-directory pg-client; fi
	$(BIN)/python -m thidua.cli restore "$(FILE)"

# pg_dump and pg_restore, for backups of a PostgreSQL database (and their tests), when missing.
pg-client:
	@if ! command -v pg_dump >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq postgresql-client >/dev/null \
	  || echo "Could not install postgresql-client: backups of a PostgreSQL database need pg_dump"; \
	fi

## make audit-deps: known vulnerabilities in the Python and npm (--omit=dev) dependencies; fails on any that
## has a fix (npm: high or critical). Exceptions with reasons: ops/audit-ignore.txt. AUDIT_DEPS_STRICT=1
## also fails when an advisory service does not answer.
audit-deps: install
	$(BIN)/python ops/audit_deps.py

## make soak: SOAK_MINUTES (10) of steady mixed traffic (SOAK_RATE=20 operations/s) on a loopback server;
## prints requests, errors and p95 latency per minute and the server's memory; fails on any error.
soak: install
	$(BIN)/python bench/soak.py

.PHONY: processes

## make processes: the tests with real server processes (tests/processes), on SQLite then on PostgreSQL when
## it answers at PG_TEST_URL (in a database <name>_procs of their own): 20 clients with one If-Match against
## two processes, kill -9 during a large import and during scorecard freezes; on PostgreSQL also several
## nodes (<name>_nodes: two API processes, two queue workers, one of them killed mid-import, moto's S3);
## prints the figures.
processes: install
	$(BIN)/pytest -q -s -p no:cacheprovider -m processes tests/processes
	@if $(BIN)/python -c "import psycopg; psycopg.connect('$(subst +psycopg,,$(PG_TEST_URL))', connect_timeout=3).close()" 2>/dev/null; then \
	  echo "== on PostgreSQL"; TEST_DATABASE_URL='$(PG_TEST_URL)' $(BIN)/pytest -q -s -p no:cacheprovider -m processes tests/processes; \
	else echo "SKIPPED on PostgreSQL: not reachable at $(PG_TEST_URL)"; fi

.PHONY: fuzz
FUZZ_EXAMPLES ?= 100

## make fuzz: schemathesis against openapi/openapi.json: every operation, every coverage case and FUZZ_EXAMPLES
## (100) new random cases per operation, each sent as each of 7 callers (CI runs a bounded, repeatable share);
## prints operations, cases, requests and failures. On PostgreSQL: TEST_DATABASE_URL=postgresql+psycopg://...
fuzz: install
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) FUZZ_FULL=1 \
	  $(BIN)/pytest -q -p no:cacheprovider tests/fuzz/test_fuzz_api.py

## make lint: ruff, mypy --strict, TypeScript (part of make test)
lint: install frontend/node_modules/.installed
	$(BIN)/ruff check backend tests bench examples ops
	$(BIN)/ruff format --check backend tests bench examples ops
	$(BIN)/mypy
	cd frontend && npm run typecheck

## make hooks: install the pre-commit hooks (.pre-commit-config.yaml) into this clone
hooks: install
	$(BIN)/pre-commit install

format: install
	$(BIN)/ruff format backend tests bench examples ops
	$(BIN)/ruff check --fix backend tests bench examples ops

## make openapi: regenerate the committed contract and the frontend's API types from it
openapi: install
	$(BIN)/python -m thidua.cli openapi
	@if [ -d frontend/node_modules ]; then cd frontend && npm run gen:api; fi

clean:
	rm -rf $(VENV) frontend/node_modules frontend/dist .pytest_cache .mypy_cache .ruff_cache
