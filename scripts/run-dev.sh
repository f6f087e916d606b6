#!/usr/bin/env bash
# The default run (`make run` calls this after installing): the web server, a
# real Celery worker and beat, no external server. Ctrl-C stops all three.
# HOST (127.0.0.1) and PORT (8000) choose where the web server listens.
set -euo pipefail
cd "$(dirname "$0")/.."
exec .venv/bin/python scripts/run_dev.py
