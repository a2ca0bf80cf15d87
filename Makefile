PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test,spark]'
	touch $@

demo: $(VENV)/.installed
	$(BIN)/industrywatch ingest examples
	$(BIN)/industrywatch claims
	$(BIN)/industrywatch targets

lint: $(VENV)/.installed
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

test: lint
	$(BIN)/pytest

$(VENV)/.bench: $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test,spark,bench]'
	touch $@

bench: $(VENV)/.bench
	$(BIN)/python bench/quantities_speed.py
	$(BIN)/python bench/extract_speed.py
	$(BIN)/python bench/ingest_speed.py 10000 100000
	$(BIN)/python bench/spark_scaling.py
	$(BIN)/python bench/langid.py
	$(BIN)/python bench/store_scale.py   # needs wrk (apt-get install wrk)
	$(BIN)/python bench/adversarial_speed.py
	$(BIN)/python bench/cli_startup.py

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache .ruff_cache
