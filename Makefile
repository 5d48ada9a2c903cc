# WeGO Platform. Two commands set up a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint bench messages makemessages vendor system-packages clean

$(BIN)/activate $(VENV)/.installed: pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,semantic]'
	touch $(VENV)/.installed

# Debian packages the platform and its tests need: gettext (translations), Chromium (browser
# tests), LibreOffice Calc (workbook round trip) and Writer (the Word Master Plan opens), Pango
# and Noto fonts (PDF reports in Korean and Arabic too), pdftotext (reading the PDFs back in
# tests). Installed only when missing.
DEBIAN_PACKAGES := gettext chromium libreoffice-calc-nogui libreoffice-writer-nogui \
	poppler-utils libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-core fonts-noto-cjk
system-packages:
	@missing=$$(for p in $(DEBIAN_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null \
	  | grep -q "install ok installed" || echo $$p; done); \
	if [ -n "$$missing" ]; then echo "Installing with apt-get:" $$missing; \
	  apt-get update -qq && apt-get install -y -qq $$missing >/dev/null; fi

messages: $(VENV)/.installed
	@command -v msgfmt >/dev/null || $(MAKE) system-packages
	cd src/wego && ../../$(BIN)/django-admin compilemessages -v0

makemessages: $(VENV)/.installed
	cd src/wego && ../../$(BIN)/django-admin makemessages -l ko -l ar --no-location

run: $(VENV)/.installed messages
	$(MANAGE) migrate --noinput -v0
	$(MANAGE) load_frameworks
	$(MANAGE) load_demo_data --if-empty
	$(MANAGE) collectstatic --noinput -v0
	@echo "WeGO Platform: http://$(HOST):$(PORT)/  (demo accounts: see README.md)"
	@# The background worker (embeddings, long exports) runs beside the web server and stops with it.
	$(MANAGE) db_worker --no-reload & worker=$$!; trap "kill $$worker" EXIT INT TERM; \
	  $(MANAGE) runserver $(HOST):$(PORT) --noreload

# makemessages first: a string that was never extracted then shows up as untranslated in the
# i18n test, instead of staying English in the Korean and Arabic interface unnoticed.
# On every core (pytest-xdist: one process and one test database per core), each test file
# kept in one process so that its module fixtures are built once; TEST_WORKERS=0 runs in one.
TEST_WORKERS ?= auto
test: $(VENV)/.installed system-packages makemessages messages
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile

lint: $(VENV)/.installed
	$(BIN)/ruff check src tests bench

# Benchmarks print their figures and ratios. The network ones first build a 10,000-city
# network in PostgreSQL (127.0.0.1:5432, database wego_bench, dropped and made anew);
# bench_voting.py votes through gunicorn on its own database there, wego_bench_voting.
bench: $(VENV)/.installed messages
	@# Every bench runs even when one fails (over budget, or a check), and make fails at the end.
	@failed=""; for script in bench/bench_pages.py bench/bench_diagnostic.py \
	  bench/bench_awards_assignment.py bench/bench_awards_results.py \
	  bench/bench_tally.py bench/bench_voting.py \
	  bench/bench_search_relevance.py bench/bench_matchmaking_scheduler.py \
	  bench/generate_network.py bench/bench_network.py bench/bench_practices.py; do \
	  echo "== $$script"; $(BIN)/python $$script || failed="$$failed $$script"; done; \
	  if [ -n "$$failed" ]; then echo "== failed or over budget:$$failed"; exit 1; fi

# Refresh vendored front-end files from npm (committed, so no one else needs npm).
vendor:
	npm install --no-audit --no-fund
	cp node_modules/axe-core/axe.min.js tests/e2e/vendor/axe.min.js
	cp node_modules/axe-core/LICENSE tests/e2e/vendor/axe-core.LICENSE
	cp node_modules/world-atlas/countries-110m.json src/wego/diagnostic/mapdata/countries-110m.json
	cp node_modules/world-atlas/LICENSE src/wego/diagnostic/mapdata/world-atlas.LICENSE

clean:
	rm -rf $(VENV) var node_modules
