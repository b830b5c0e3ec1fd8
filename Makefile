# The two commands of the README: `make site` builds the whole site, `make test` runs every test.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install site test check lint format serve validate schema bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

## install: create .venv with gongkai in it (the staff guide starts here); `source .venv/bin/activate` then puts it on PATH
install: $(STAMP)
	@echo "安装完成。每次打开新的终端窗口，先在本目录运行 source .venv/bin/activate，之后即可直接运行 gongkai 命令。"

## site: validate the data and build the whole site into site/
site: $(STAMP)
	$(BIN)/gongkai validate
	$(BIN)/gongkai build --site-dir site

## test: format check, lint, then every test (browser tests included)
test: $(STAMP) lint
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff format --check generator tests bench
	$(BIN)/ruff check generator tests bench

## format: rewrite code in the project's style
format: $(STAMP)
	$(BIN)/ruff format generator tests bench
	$(BIN)/ruff check --fix generator tests bench

## serve: live preview at http://127.0.0.1:8000/, reloading when data/ changes
serve: $(STAMP)
	$(BIN)/gongkai serve

validate: $(STAMP)
	$(BIN)/gongkai validate

schema: $(STAMP)
	$(BIN)/gongkai schema --out data/schema

## bench: build time, page weight and Lighthouse scores (see bench/README.md)
bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf site .venv
