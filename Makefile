# The README's commands: `make run` serves the product, `make test` runs every test.
# Both start from nothing: they build .venv with a Python >= 3.12 and install into it.

SHELL := /bin/bash
VENV := .venv
PYTHON := $(VENV)/bin/python
CHROMIUM ?= /usr/bin/chromium
# Where `make run` serves: `make run HOST=127.0.0.1:8080` for another port.
HOST ?= 127.0.0.1:8000

.PHONY: run test screenshots evaluate evaluate-extraction bench loadtest lint install browser clean

run: install .secret_key
	@export DEBUG=1 SECRET_KEY="$$(cat .secret_key)"; set -e; \
	$(PYTHON) manage.py migrate --no-input; \
	$(PYTHON) manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT; \
	echo "Task worker started: it analyses imported articles in the background."; \
	$(PYTHON) manage.py import_articles seeds; \
	echo; echo "Demo editor for http://$(HOST)/ :"; \
	$(PYTHON) manage.py create_user demo --group Editors --reset-password; echo; \
	$(PYTHON) manage.py runserver $(HOST)

test: install browser
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DEBUG=0 CHROMIUM=$(CHROMIUM) $(VENV)/bin/pytest

screenshots: install browser
	DEBUG=0 CHROMIUM=$(CHROMIUM) SAVE_SCREENSHOTS=1 \
	  $(VENV)/bin/pytest -m e2e

lint: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml | $(PYTHON)
	$(PYTHON) -m pip install --quiet --upgrade pip
	$(PYTHON) -m pip install --quiet -e '.[dev]'
	touch $@

# The first Python >= 3.12 found: on PATH, else one pyenv has installed.
$(PYTHON):
	@found=""; \
	for candidate in python3.13 python3.12 python3.14 python3 \
	    $$(ls -d $${PYENV_ROOT:-$$HOME/.pyenv}/versions/3.1[2-9]*/bin/python 2>/dev/null | sort -rV); do \
	  if "$$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then \
	    found=$$candidate; break; \
	  fi; \
	done; \
	if [ -z "$$found" ]; then \
	  echo "error: this project needs Python 3.12 or newer, and none was found." >&2; \
	  echo "Install one (apt-get install python3.12 python3.12-venv, or pyenv install 3.12) and run make again." >&2; \
	  exit 1; \
	fi; \
	echo "Creating $(VENV) with $$found ($$("$$found" --version))"; \
	"$$found" -m venv $(VENV)

# Browser tests drive Debian's Chromium; nothing is downloaded at test time.
browser:
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Chromium for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "error: browser tests need Chromium at $(CHROMIUM): apt-get install chromium, or set CHROMIUM=/path/to/chromium" >&2; \
	    exit 1; \
	  fi; \
	fi

# Quality of the claim engine on the annotated seeds, and the same for a plain baseline.
evaluate: install
	DEBUG=1 $(PYTHON) manage.py evaluate_corpus
	DEBUG=1 $(PYTHON) manage.py evaluate_engine
	DEBUG=1 $(PYTHON) manage.py evaluate_engine --baseline

# The importer on saved pages with hand-checked text: BENCHMARK is a copy of
# github.com/scrapinghub/article-extraction-benchmark (never committed here).
evaluate-extraction: install
	@if [ -z "$(BENCHMARK)" ]; then \
	  echo "error: say where the benchmark is: make evaluate-extraction BENCHMARK=/path/to/article-extraction-benchmark" >&2; \
	  exit 1; \
	fi
	DEBUG=1 $(PYTHON) manage.py evaluate_extraction $(BENCHMARK)/html \
	  --truth $(BENCHMARK)/ground-truth.json --outlets docs/evaluation/benchmark-outlets.json

# Speed and memory at 1,000 and 10,000 synthetic articles, each on a throwaway SQLite file.
# Stories of five outlets (1,000 and 10,000 articles), then 1,000 articles in
# stories of 10 and in one story of 1,000.
bench: install
	@for run in "1000 5" "10000 5" "1000 10" "1000 1000"; do \
	  set -- $$run; dir=$$(mktemp -d); \
	  export DEBUG=1 DATABASE_URL=sqlite:///$$dir/bench.sqlite3; \
	  $(PYTHON) manage.py migrate -v0 && \
	    $(PYTHON) manage.py benchmark --articles $$1 --per-story $$2; \
	  rm -rf "$$dir"; \
	done

# EDITORS editors on ARTICLES seeded articles for DURATION seconds, served by gunicorn
# with DEBUG off, on a throwaway database (DATABASE=sqlite or postgres, the local
# server); DURING_ANALYSIS=1 analyses a batch of articles meanwhile. Prints the figures.
ARTICLES ?= 10000
EDITORS ?= 20
DATABASE ?= sqlite
DURATION ?= 60
loadtest: install
	$(PYTHON) -m factcheck.loadtest --articles $(ARTICLES) --editors $(EDITORS) \
	  --database $(DATABASE) --duration $(DURATION) $(if $(DURING_ANALYSIS),--during-analysis)

.secret_key:
	@$(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))' > $@

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-wal db.sqlite3-shm .secret_key staticfiles
