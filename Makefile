# Two commands for a fresh machine (see README): `make serve` and `make test`.
# Every step is idempotent: stamps under .cache/stamps skip what is already installed.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV      := .venv
PY        := $(VENV)/bin/python
STAMPS    := .cache/stamps
# pyodide-build 0.26+ needs Python >= 3.12; these machines have one under pyenv.
# pyenv's python3.12 shim exists even when 3.12 is not the active version, so each candidate is run.
PY312     := $(shell for p in $$HOME/.pyenv/versions/3.1[23]*/bin/python3 python3.13 python3.12; do \
               "$$p" -c 'import sys; assert sys.version_info >= (3, 12)' >/dev/null 2>&1 && { command -v "$$p" || echo "$$p"; } && break; \
             done)
# Debian's Chromium: the full browser for `make bench` and `make lighthouse`, its headless shell
# (the same version, less CPU) for the tests (build_tools/chromium.py).
CHROMIUM  ?= /usr/bin/chromium
TEST_CHROMIUM ?= /usr/bin/chromium-headless-shell
export TEST_CHROMIUM
# `make serve PORT=9000`: the port the preview is built for and served on. Material's instant
# navigation, canonical links and the handout's QR code use the build's site_url, so the build
# must know the port (a deploy build takes SITE_URL instead).
PORT      ?= 8000
LOCAL_URL := http://127.0.0.1:$(PORT)/
SITE_DIR  ?= site
export NO_MKDOCS_2_WARNING := 1

.PHONY: help setup setup-test build serve dev test test-fast lint safety bench lighthouse clean

help:
	@echo "make serve  - set up everything, build the site and serve it at http://127.0.0.1:8000"
	@echo "              (make serve PORT=9000: built for and served on port 9000)"
	@echo "make test   - set up everything (including Chromium) and run the whole test suite"
	@echo "make build  - write the static site to site/ (a preview for PORT, default 8000;"
	@echo "              SITE_URL=https://host/path/ make build for a deploy)"
	@echo "make dev    - live-reloading author preview (mkdocs serve)"
	@echo "make lint   - ruff and mypy (Python), ESLint (JavaScript)"
	@echo "make safety - run every hazard's tests (docs/safety/hazard-log.yml); approval needs a passing run"
	@echo "make bench  - performance report (not part of the tests)"
	@echo "make lighthouse - Lighthouse scores of the home page, the article, the calculator, the handout and the re-classify page (not part of the tests)"

$(PY):
	python3 -m venv $(VENV)

$(STAMPS)/python: pyproject.toml requirements.lock | $(PY)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install -q --disable-pip-version-check --no-deps -e .
	@mkdir -p $(STAMPS) && touch $@

$(STAMPS)/pyodide-build: requirements-pyodide.lock
	@if [ -n "$(PY312)" ]; then \
	  $(PY312) -m venv .venv-pyodide && \
	  .venv-pyodide/bin/pip install -q --disable-pip-version-check -r requirements-pyodide.lock; \
	else echo "pyodide-build needs Python 3.12 or newer (pyenv or python3.12 on PATH); none found." >&2; exit 1; fi
	@mkdir -p $(STAMPS) && touch $@

# ssh-keygen (OpenSSH) signs and checks reviewers' approvals (build_tools/editorial/signing.py);
# a fresh Debian machine may lack it. A build with no signed record never calls it.
$(STAMPS)/ssh-keygen:
	@if ! command -v ssh-keygen >/dev/null 2>&1; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openssh-client >/dev/null; \
	fi
	@command -v ssh-keygen
	@mkdir -p $(STAMPS) && touch $@

$(STAMPS)/npm: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@mkdir -p $(STAMPS) && touch $@

$(STAMPS)/chromium: Makefile
	@if [ ! -x "$(CHROMIUM)" ] || [ ! -x "$(TEST_CHROMIUM)" ]; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    chromium chromium-headless-shell >/dev/null; \
	fi
	@"$(CHROMIUM)" --version
	@"$(TEST_CHROMIUM)" --version
	@mkdir -p $(STAMPS) && touch $@

$(STAMPS)/pyodide-test-wheels: tests/pyodide/requirements.txt | $(STAMPS)/python
	$(PY) -m pip download -q --disable-pip-version-check --no-deps --only-binary=:all: \
	  -d .cache/pyodide-test-wheels -r tests/pyodide/requirements.txt
	@mkdir -p $(STAMPS) && touch $@

setup: $(STAMPS)/python $(STAMPS)/pyodide-build $(STAMPS)/npm $(STAMPS)/ssh-keygen

setup-test: setup $(STAMPS)/chromium $(STAMPS)/pyodide-test-wheels

# A deploy build names its public address (SITE_URL); a preview is built for LOCAL_URL.
ifdef SITE_URL
  DEPLOY_URL := $(SITE_URL)
endif
build serve: export SITE_URL ?= $(LOCAL_URL)

build: setup
	$(PY) -m mkdocs build --strict --quiet --site-dir $(SITE_DIR)
	@if [ -n "$(DEPLOY_URL)" ]; then echo "Deployable site for $(DEPLOY_URL) written to $(SITE_DIR)/"; \
	else echo "LOCAL PREVIEW build written to $(SITE_DIR)/: its links point at $(LOCAL_URL)"; \
	  echo "(make serve PORT=$(PORT) serves it there)."; \
	  echo "To deploy, build with your public URL: SITE_URL=https://host/path/ make build"; fi

# A preview built for PORT and served on it. With SITE_URL set (a deploy build checked
# locally), the site is built for that address; serve it where it says.
serve: build
	$(PY) -m build_tools.serve $(SITE_DIR) --host 127.0.0.1 --port $(PORT)

# The author preview renders even when an approval no longer holds (the page then says
# "Changed since approval"); `make build` and `make serve` stop on it.
dev: setup
	$(PY) -m mkdocs serve --no-strict -a 127.0.0.1:$(PORT)

# Test files run side by side in TEST_WORKERS processes (pytest-xdist; a file stays in one
# process, so its module fixtures are made once). Most tests wait on Chromium, a server or a
# build, so one worker more than the cores keeps them busy. TEST_WORKERS=0 runs in this process.
# Files are handed out heaviest first (tests/conftest.py RUN_ORDER), not by their test count.
TEST_WORKERS ?= $(shell echo $$(( $$(nproc) + 1 )))
test: setup-test
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder

# The unit tier only (CONTRIBUTING.md#tests): no site build, browser or Pyodide. These tests
# use the CPU and wait on nothing, so one worker per core.
FAST_WORKERS ?= $(shell nproc)
test-fast: setup
	HYPOTHESIS_PROFILE=fast $(PY) -m pytest -n $(FAST_WORKERS) --dist loadfile \
	  -m "not build and not e2e and not pyodide and not slow"

lint: setup
	$(PY) -m ruff check calculator build_tools tests
	$(PY) -m ruff format --check calculator build_tools tests
	$(PY) -m mypy --strict calculator
	node_modules/.bin/eslint .
	$(PY) -m mypy

# Runs the tests the hazard log names and stamps the results (.cache/safety/results.json) with
# the digests of the rules, the log, the tests and the page code: `approve` refuses without them.
safety: setup-test
	$(PY) -m build_tools.safety check

bench: setup-test
	$(PY) -m build_tools.bench

lighthouse: setup $(STAMPS)/chromium
	CHROMIUM=$(CHROMIUM) $(PY) -m build_tools.bench.lighthouse

clean:
	rm -rf site .cache build
