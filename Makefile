# Herald: `make demo` runs the whole system against the local sandbox; `make test` runs the tests.
# Both bootstrap .venv on first use.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

CHROMIUM := /usr/bin/chromium

.PHONY: browser demo test test-unit test-integration test-postgres lint format bench migration check-migrations clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/herald demo

test: $(STAMP) browser
	$(BIN)/python -m pytest

# The browser tests drive Debian's chromium through Playwright.
browser:
	@test -x $(CHROMIUM) || { apt-get update -qq && apt-get install -y -qq chromium chromium-driver; } \
		|| { echo "Install Debian's chromium (apt-get install chromium) for the browser tests."; exit 1; }

test-unit: $(STAMP)
	$(BIN)/python -m pytest tests/unit

test-integration: $(STAMP)
	$(BIN)/python -m pytest tests/integration

# The integration suite against PostgreSQL (a fresh database is made for the run), Redis and
# RabbitMQ, as CI runs it.
test-postgres: $(STAMP)
	HERALD_TEST_DATABASE_URL=$${HERALD_TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} \
	HERALD_TEST_REDIS_URL=$${HERALD_TEST_REDIS_URL:-redis://127.0.0.1:6379/15} \
	HERALD_TEST_AMQP_URL=$${HERALD_TEST_AMQP_URL:-amqp://guest:guest@127.0.0.1:5672/} \
		$(BIN)/python -m pytest tests/integration

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .

bench: $(STAMP)
	$(BIN)/python -m bench

# Write a migration for both dialects after changing models/: make migration NAME=add_x
migration: $(STAMP)
	$(BIN)/python -m migrations make $(NAME)

check-migrations: $(STAMP)
	$(BIN)/python -m migrations check

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
