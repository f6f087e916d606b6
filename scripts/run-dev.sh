#!/usr/bin/env bash
# The default run: the web server, a real Celery worker and beat, no external server.
# Stopping this script (Ctrl-C) stops all three.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
CELERY=.venv/bin/celery
mkdir -p .run/mail

trap 'kill 0' EXIT INT TERM

$CELERY -A elearning worker --loglevel=INFO --concurrency=2 --without-gossip --without-mingle > .run/worker.log 2>&1 &
$CELERY -A elearning beat --loglevel=INFO > .run/beat.log 2>&1 &

cat <<MSG

  i-HOP learning is starting at  http://localhost:8000
  Authoring (Wagtail CMS):       http://localhost:8000/cms/
  Health:                        http://localhost:8000/healthz

  Running on embedded defaults: SQLite (.run/db.sqlite3) and kombu's filesystem
  broker (.run/broker/); a Celery worker and beat run beside the web server
  (logs in .run/worker.log and .run/beat.log). Sent email is written to .run/mail/.

MSG
$PY manage.py seed_demo 2>/dev/null | sed 's/^/  /'
echo
exec $PY manage.py runserver 0.0.0.0:8000
