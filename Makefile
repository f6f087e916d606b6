# The two commands a newcomer needs: `make run` and `make test`.
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# Where `make run` listens: `make run PORT=8010`, `make run HOST=0.0.0.0` (the
# network too; see README). Set here, not read from the environment, where a
# HOST naming the machine would open the server to the network.
HOST := 127.0.0.1
PORT := 8000
# Empty: scripts/install.sh uses the newest Python 3.11+ on the PATH.
PYTHON ?=

.PHONY: run test lint check bench first-run-bench database-snapshot install static lock clean

$(STAMP): requirements/bootstrap.txt requirements/base.txt requirements/dev.txt package.json package-lock.json
	@PYTHON="$(PYTHON)" scripts/install.sh
	@touch $(STAMP)

install: $(STAMP)

# The stylesheet and the design system's JavaScript, rebuilt when a source changes.
STATIC_BUILD := static_build/css/site.css
$(STATIC_BUILD): $(STAMP) scripts/build-static.sh $(wildcard static/scss/*.scss)
	@scripts/build-static.sh

static: $(STATIC_BUILD)

## make run: install, migrate and load the demo content when they changed, start web + worker + beat
run: install static
	@HOST="$(HOST)" PORT="$(PORT)" scripts/run-dev.sh

## make test: lint, Django's checks, then the whole test suite
test: install static lint check
	DJANGO_SETTINGS_MODULE=tests.settings $(VENV)/bin/pytest

lint:
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

check:
	DJANGO_SETTINGS_MODULE=elearning.settings.test $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=elearning.settings.test $(PY) manage.py makemigrations --check --dry-run

## make bench: throughput against gunicorn + PostgreSQL, written to bench/results.json
bench: install static
	$(PY) -m bench.run

## make first-run-bench: a cold and a warm `make run` from a clean clone, beside pip install as the floor
first-run-bench: install static
	$(PY) -m bench.first_run

## make database-snapshot: after changing a migration, rewrite what `make run` loads a fresh database from
database-snapshot: install static
	$(PY) scripts/database_snapshot.py

## make lock: recompile the hashed lock files after editing requirements/*.in
# (with the venv's uv, pinned in bootstrap.txt, or else uvx)
UV := $(if $(wildcard $(VENV)/bin/uv),$(abspath $(VENV)/bin/uv),uvx --from uv==0.13.9 uv)
lock:
	cd requirements && $(UV) pip compile --python-version 3.11 --generate-hashes bootstrap.in -o bootstrap.txt
	cd requirements && $(UV) pip compile --python-version 3.11 --generate-hashes base.in -o base.txt
	cd requirements && $(UV) pip compile --python-version 3.11 --generate-hashes dev.in -o dev.txt

clean:
	rm -rf .run media staticfiles static_build
