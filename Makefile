# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench serve setup clean train

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

# Rebuild the sentence reader from the trainset (../shared/trainset unless TRAINSET is given):
# corpus → spacy train → thresholds. The slices train/split.yaml sets aside are never used.
TRAINSET ?= ../shared/trainset
READER := src/sitrep/data/models/sentence_types

train: $(STAMP)
	rm -rf out/train && mkdir -p out/train
	$(BIN)/python train/corpus.py $(TRAINSET) out/train
	$(BIN)/python -m spacy train train/config.cfg --paths.train out/train/train.spacy \
	  --paths.dev out/train/tune.spacy --output out/train/model > out/train/training.log 2>&1 \
	  || (tail -20 out/train/training.log; exit 1)
	grep -E "^ *[0-9]+ +[0-9]+ " out/train/training.log | tail -3
	rm -rf $(READER) && cp -r out/train/model/model-best $(READER)
	$(BIN)/python train/thresholds.py $(READER) out/train/tune.jsonl

bench: $(STAMP)
	$(BIN)/python bench/bench_extract.py
	$(BIN)/python bench/bench_gazetteer.py
	$(BIN)/python bench/bench_store.py

clean:
	rm -rf $(VENV) out .pytest_cache
