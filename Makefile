# Two commands do all the set-up: `make demo` and `make test`. Everything else is a building block.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PW := $(VENV)/bin/presswatch
DB ?= presswatch.db
STAMP := $(VENV)/.installed

.PHONY: demo test install lint bench clean serve

# Re-install when the dependencies or the install line change (a new extra must reach existing venvs too).
$(STAMP): pyproject.toml Makefile
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[model,dev,spark]"
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(PW) demo --db sqlite:///$(DB)

test: $(STAMP) browser-deps
	$(PY) -m ruff check src tests bench eval
	$(PY) -m pytest

lint: $(STAMP)
	$(PY) -m ruff check src tests bench eval
	$(PY) -m ruff format --check src tests bench eval

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm .pytest_cache

# Browser tests (pytest -m browser) drive Debian's Chromium through Playwright; never `playwright install`.
.PHONY: browser-deps
browser-deps:
	@command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver) \
	  || echo "make: Debian's chromium could not be installed (needs root and apt); the browser tests will skip" >&2
