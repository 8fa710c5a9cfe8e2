# Deux commandes suffisent : `make run` (site de démonstration) et `make test` (lint + tests).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/postgres
TEST_REDIS_URL ?= redis://127.0.0.1:6379/0

.PHONY: run test lint format bench worker beat messages clean

$(BIN)/.installe: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

run: $(BIN)/.installe
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py charger_demo
	@echo "Site servi sur http://$(HOST):$(PORT)/"
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

lint: $(BIN)/.installe
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(BIN)/.installe
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: lint
	DATABASE_URL="$${DATABASE_URL:-$(TEST_DATABASE_URL)}" \
	REDIS_URL="$${REDIS_URL:-$(TEST_REDIS_URL)}" \
	$(BIN)/pytest --cov --cov-report=term $(PYTEST_ARGS)

bench: $(BIN)/.installe
	DATABASE_URL="$${DATABASE_URL:-$(TEST_DATABASE_URL)}" \
	REDIS_URL="$${REDIS_URL:-$(TEST_REDIS_URL)}" \
	$(BIN)/python tests/bench/run.py

worker: $(BIN)/.installe
	$(BIN)/celery -A rameau worker --loglevel=INFO

beat: $(BIN)/.installe
	$(BIN)/celery -A rameau beat --loglevel=INFO

messages: $(BIN)/.installe
	$(BIN)/python manage.py makemessages -l fr --ignore=.venv --ignore=var

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
