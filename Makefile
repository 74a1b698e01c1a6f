# Ruche — every command a developer or CI needs. `make help` lists them.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
ONLY ?=

.DEFAULT_GOAL := help

.PHONY: help install lock browser-tools search-dictionaries run services services-stop services-status test audit lint format messages bench

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

# Ruche runs from this folder; the virtual environment holds only its locked dependencies:
# requirements.lock (what Ruche needs to run, the only file the Docker image installs) and
# requirements-dev.lock (that lock plus the development tools), which is what is installed here.
$(STAMP): requirements.lock requirements-dev.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.lock
	@touch $(STAMP)

# The runtime set is resolved first, from [project.dependencies] alone; the tools are then
# resolved on top of it (-c), so both files pin every shared package at the same version.
lock: ## Re-pin requirements.lock (runtime) and requirements-dev.lock (tools) from pyproject.toml
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet --upgrade pip && .lock-venv/bin/pip install --quiet .
	{ echo "# Exact versions of what Ruche needs to run (\`pip install .\`: [project.dependencies]); the Docker"; \
	  echo "# image installs this file only. Regenerate it and requirements-dev.lock with \`make lock\`."; \
	  .lock-venv/bin/pip freeze --exclude ruche; } > requirements.lock
	.lock-venv/bin/pip install --quiet '.[dev]' -c requirements.lock
	{ echo "# Exact versions installed by \`make install\`: the runtime lock and the development tools"; \
	  echo "# ([project.optional-dependencies] dev). Regenerate both locks with \`make lock\`."; \
	  echo "-r requirements.lock"; \
	  .lock-venv/bin/pip freeze --exclude ruche | grep -vxF -f requirements.lock; } > requirements-dev.lock
	rm -rf .lock-venv build *.egg-info

install: $(STAMP) ## Create the virtual environment and install requirements-dev.lock (Ruche and its tools)

run: install ## Run Ruche on the embedded default (SQLite, database search, inline tasks) with demo content
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# OpenSearch nodes of `make services`: 1 on 9200, or a cluster (`make services OPENSEARCH_NODES=3`
# on 9200-9202, one replica per shard). `make services-stop` stops either.
OPENSEARCH_NODES ?= 1

services: ## Start (or reuse) PostgreSQL, Redis and OpenSearch on loopback (OPENSEARCH_NODES=3: a cluster)
	OPENSEARCH_NODES=$(OPENSEARCH_NODES) bash scripts/services.sh start

services-stop: ## Stop the services started by `make services`
	bash scripts/services.sh stop

services-status: ## Show whether each service answers
	bash scripts/services.sh status

lint: install ## ruff lint and format check, mypy type check ([tool.mypy] in pyproject.toml)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy

format: install ## Format the code with ruff
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

browser-tools: ## Debian's Chromium, axe-core (browser tests) and Lighthouse (bench/lighthouse.py)
	@test -x /usr/bin/chromium || { echo "Installing chromium (apt-get)..."; \
	  apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null; }
	@test -f node_modules/axe-core/axe.min.js -a -x node_modules/.bin/lighthouse || \
	  npm ci --silent --no-audit --no-fund

# FreeDict's French-English dictionaries (GPL-2+), read where Debian installs them
# (search/dictionary.py): a query then finds content written in the other language. Optional
# for `make run`; the suite needs them.
search-dictionaries: ## Debian's FreeDict French-English dictionaries for cross-language search
	@test -f /usr/share/dictd/freedict-fra-eng.index -a -f /usr/share/dictd/freedict-eng-fra.index || { \
	  echo "Installing dict-freedict-fra-eng and dict-freedict-eng-fra (apt-get)..."; \
	  apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
	    dict-freedict-fra-eng dict-freedict-eng-fra >/dev/null; }

# Fails on a known vulnerability. Where the vulnerability service cannot be reached it fails
# too, except inside `make test`, which prints "NOT DONE" and goes on (README, Quality).
audit: install ## Check both locks (runtime and dev) for known vulnerabilities (pip-audit)
	$(BIN)/python scripts/audit.py $(AUDIT_FLAGS)

test: install services browser-tools search-dictionaries lint ## Install, start every service, run the whole suite on them
	@$(MAKE) --no-print-directory audit AUDIT_FLAGS=--allow-unreachable
	$(BIN)/pytest

messages: install ## Refresh the French translations (needs gettext)
	$(BIN)/python manage.py makemessages --locale fr --ignore '.venv/*' --ignore '.services/*' --ignore 'node_modules/*' --ignore 'test-artifacts/*'
	$(BIN)/python manage.py compilemessages --locale fr --ignore '.venv/*' --ignore 'node_modules/*'

bench: install services browser-tools ## Run every benchmark (or ONLY=pages,votes) and print one table of figures
	$(BIN)/python bench/run.py $(ONLY)
