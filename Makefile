# One command to run, one to test. Both set up .venv first.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
AXE := .test-deps/axe-core/axe.min.js

export OMP_NUM_THREADS ?= 1
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: setup run test index bench test-deps clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# torch first: the CPU build on this disk; a plain dependency would pull a CUDA build
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

# Debian packages the tests use: Chromium for the widget tests, a PostgreSQL server for the
# storage-on-PostgreSQL tests. Tests that need one skip, with the reason, if it cannot be installed.
test-deps:
	@missing=""; \
	[ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] || missing="$$missing chromium chromium-driver"; \
	command -v initdb >/dev/null || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	if [ -n "$$missing" ]; then \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing) \
		|| echo "warning: could not install$$missing; the tests that need them will be skipped"; \
	fi
	@# axe-core's browser script for the accessibility checks, fetched once; tests read it offline.
	@if [ ! -f $(AXE) ]; then \
		mkdir -p .test-deps && (cd .test-deps && npm pack --silent axe-core@4 >/dev/null && tar xzf axe-core-*.tgz && \
		rm -rf axe-core && mv package axe-core && rm -f axe-core-*.tgz) \
		|| echo "warning: could not fetch axe-core with npm; the accessibility checks will be skipped"; \
	fi

index: $(STAMP)
	$(BIN)/csp-assistant ingest --if-missing

run: index
	$(BIN)/csp-assistant serve --host 127.0.0.1 --port 8000

test: $(STAMP) test-deps
	$(BIN)/python -m pytest

# make bench BENCH_ARGS="--quick --json": quality and speed against baselines measured in the same run
BENCH_ARGS ?=
bench: $(STAMP)
	$(BIN)/csp-assistant bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .csp-data
