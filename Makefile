# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint check bench install lock clean

$(STAMP): requirements/base.txt requirements/dev.txt package.json package-lock.json
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r requirements/base.txt -r requirements/dev.txt
	npm ci --no-audit --no-fund --loglevel=error
	touch $(STAMP)

install: $(STAMP)

## make run: install, migrate, load the demo content, start web + worker + beat
run: install
	$(PY) manage.py migrate --noinput
	./scripts/run-dev.sh

## make test: lint, Django's checks, then the whole test suite
test: install lint check
	DJANGO_SETTINGS_MODULE=tests.settings $(VENV)/bin/pytest

lint:
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

check:
	DJANGO_SETTINGS_MODULE=elearning.settings.test $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=elearning.settings.test $(PY) manage.py makemigrations --check --dry-run

## make bench: throughput against gunicorn + PostgreSQL, written to bench/results.json
bench: install
	$(PY) -m bench.run

## make lock: recompile the hashed lock files after editing requirements/*.in
lock:
	cd requirements && uvx --from uv==0.13.9 uv pip compile --python-version 3.11 --generate-hashes base.in -o base.txt
	cd requirements && uvx --from uv==0.13.9 uv pip compile --python-version 3.11 --generate-hashes dev.in -o dev.txt

clean:
	rm -rf .run media staticfiles
