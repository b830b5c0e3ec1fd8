# The two commands of the README: `make site` builds the whole site, `make test` runs every test.
# Installs come from the hash-locked requirements*.lock (`make lock` rewrites them from pyproject.toml),
# so the same commit installs the same packages, byte for byte, for as long as the registry keeps them.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SITE_STAMP := $(VENV)/.installed-site
TEST_STAMP := $(VENV)/.installed-test
UV_VERSION := 0.13.9
# Pins for CPython 3.11 on Linux: they also install on 3.12 and 3.13. LOCK_ARGS=--upgrade moves every pin.
LOCK_FLAGS = --generate-hashes --python-version 3.11 --python-platform linux --custom-compile-command "make lock" $(LOCK_ARGS)

.PHONY: install site test check lint format serve validate schema bench lock clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# A changed lock (or pyproject.toml) reinstalls. The project itself goes in last, without its
# dependencies: every one of them came from the lock, checked against its hash.
$(SITE_STAMP): requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

$(TEST_STAMP): requirements-test.lock pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-test.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

## install: create .venv with gongkai in it (the staff guide starts here); `source .venv/bin/activate` then puts it on PATH
install: $(SITE_STAMP)
	@echo "安装完成。每次打开新的终端窗口，先在本目录运行 source .venv/bin/activate，之后即可直接运行 gongkai 命令。"

## site: validate the data and build the whole site into site/
site: $(SITE_STAMP)
	$(BIN)/gongkai validate
	$(BIN)/gongkai build --site-dir site

## test: format check, lint, type check, then every test (browser tests included), run as plain `pytest` runs them
test: $(TEST_STAMP) lint
	$(BIN)/pytest -q

# mypy checks generator/ as [tool.mypy] in pyproject.toml sets it up.
lint: $(TEST_STAMP)
	$(BIN)/ruff format --check generator tests bench
	$(BIN)/ruff check generator tests bench
	$(BIN)/mypy

## format: rewrite code in the project's style
format: $(TEST_STAMP)
	$(BIN)/ruff format generator tests bench
	$(BIN)/ruff check --fix generator tests bench

## serve: live preview at http://127.0.0.1:8000/, reloading when data/ changes
serve: $(SITE_STAMP)
	$(BIN)/gongkai serve

validate: $(SITE_STAMP)
	$(BIN)/gongkai validate

schema: $(SITE_STAMP)
	$(BIN)/gongkai schema --out data/schema

## bench: build time, page weight and Lighthouse scores (see bench/README.md)
bench: $(TEST_STAMP)
	$(BIN)/python bench/run.py

## lock: pin every dependency of pyproject.toml, with hashes: requirements-test.lock (site + tests),
## then requirements.lock (the site alone, at the same versions). Existing pins stay where still allowed.
lock: | $(BIN)/python
	$(BIN)/uv --version 2>/dev/null | grep -qF ' $(UV_VERSION)' || $(BIN)/python -m pip install --quiet 'uv==$(UV_VERSION)'
	$(BIN)/uv pip compile --quiet pyproject.toml --extra test $(LOCK_FLAGS) -o requirements-test.lock
	$(BIN)/uv pip compile --quiet pyproject.toml -c requirements-test.lock $(LOCK_FLAGS) -o requirements.lock

clean:
	rm -rf site .venv
