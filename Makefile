# The commands the README shows. `make demo` and `make test` work on a fresh machine:
# they create the virtual environment and install the project first.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: install demo serve test test-unit test-integration lint format bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev,embeddings]"
	rm -f $(VENV)/.installed-* && touch $@

install: $(STAMP)

demo: $(STAMP)  ## build the demo fair in SQLite and serve it on http://127.0.0.1:8000
	$(BIN)/foundry demo

serve: $(STAMP)
	$(BIN)/foundry serve

test: $(STAMP)  ## lint, then every test tier (PostgreSQL and Redis started if they are down)
	bash scripts/ensure_postgres.sh
	bash scripts/ensure_redis.sh
	bash scripts/install_nginx.sh
	bash scripts/install_chromium.sh
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

test-unit: $(STAMP)
	$(BIN)/python -m pytest -m unit

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache talentfoundry-demo.db*
