"""/healthz: the state of the database, the broker, the worker and the work.

The worker's state comes from a heartbeat that beat schedules and a worker
runs; a fresh heartbeat in the shared cache proves both are alive, whatever
the broker (Redis or the embedded filesystem transport). A live worker is not
enough: apps register parts of their own (the outbox reports its oldest unsent
item), and one that says work is stuck makes the status "degraded".
"""

import time
from collections.abc import Callable
from typing import Any

from celery import shared_task
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache

from elearning.celery import app

HEARTBEAT_CACHE_KEY = "health:worker-heartbeat"

# name -> a function returning (its report, whether it is degraded)
HealthPart = Callable[[], tuple[dict[str, Any], bool]]
_parts: dict[str, HealthPart] = {}


def health_part_register(*, name: str, report: HealthPart) -> None:
    _parts[name] = report


@shared_task(name="elearning.health.heartbeat", ignore_result=True)
def heartbeat() -> None:
    cache.set(HEARTBEAT_CACHE_KEY, time.time(), timeout=24 * 3600)


def _database_state() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return "ok"
    except Exception as error:  # noqa: BLE001 - any failure means "down", reported not raised
        return f"error: {type(error).__name__}"


def _broker_state() -> str:
    try:
        with app.connection_for_write() as broker:
            broker.ensure_connection(max_retries=1, timeout=2)
        return "ok"
    except Exception as error:  # noqa: BLE001 - as above
        return f"error: {type(error).__name__}"


def _worker_state() -> tuple[str, float | None]:
    last_beat = cache.get(HEARTBEAT_CACHE_KEY)
    if last_beat is None:
        return "unknown: no heartbeat yet", None
    age = time.time() - float(last_beat)
    if age > settings.HEALTH_WORKER_STALE_SECONDS:
        return "stale", age
    return "ok", age


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    worker, age = _worker_state()
    body: dict[str, Any] = {
        "database": _database_state(),
        "broker": _broker_state(),
        "worker": worker,
        "worker_heartbeat_age_seconds": None if age is None else round(age, 1),
    }
    healthy = body["database"] == "ok" and body["broker"] == "ok"
    degraded = worker != "ok"
    if body["database"] == "ok":
        for name, report in sorted(_parts.items()):
            body[name], part_degraded = report()
            degraded = degraded or part_degraded
    body["status"] = "down" if not healthy else "degraded" if degraded else "ok"
    # Stuck work or a missing worker degrades background work but the site still
    # serves pages, so only the database and the broker decide the status code.
    return JsonResponse(body, status=200 if healthy else 503)
