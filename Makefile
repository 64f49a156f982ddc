# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench serve setup clean

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	# --no-deps: the lock is the whole closure, installed exactly as written; without it
	# pip 23 resolves an extra (jusText's lxml[html_clean]) to the newest release and
	# refuses the lock. `pip check` then proves the lock is complete and consistent.
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	$(BIN)/pip check
	$(BIN)/python -c "from sitrep.resolve.gazetteer import ensure_index; print('gazetteer index:', ensure_index())"
	touch $(STAMP)

setup: $(STAMP)

# Extract the bundled examples, store them in a fresh store, print the incidents with their claims.
run: $(STAMP)
	rm -f out/examples.duckdb out/examples.duckdb.wal
	$(BIN)/sitrep ingest examples/ --db out/examples.duckdb
	$(BIN)/python -m sitrep.show out/examples.duckdb

# Browser tests drive Debian's chromium; install it where missing (never `playwright install`).
CHROMIUM := /usr/bin/chromium

$(CHROMIUM):
	-(DEBIAN_FRONTEND=noninteractive apt-get install -y chromium >/dev/null 2>&1 || (apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium >/dev/null)) \
	  || echo "make: could not install chromium; the browser tests will be skipped"

test: $(STAMP) $(CHROMIUM)
	$(BIN)/python -m pytest -q

# The API over the store `make run` built (read-only unless SITREP_TOKEN is set).
serve: $(STAMP)
	$(BIN)/sitrep serve --db out/examples.duckdb --read-only

bench: $(STAMP)
	$(BIN)/python bench/bench_extract.py
	$(BIN)/python bench/bench_gazetteer.py
	$(BIN)/python bench/bench_store.py

clean:
	rm -rf $(VENV) out .pytest_cache
