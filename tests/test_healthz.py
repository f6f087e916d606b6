import pytest

from elearning.health import heartbeat

pytestmark = pytest.mark.django_db


def test_healthz_reports_each_part_and_learns_of_the_worker_from_its_heartbeat(client):
    before = client.get("/healthz").json()
    assert before["database"] == "ok"
    assert before["worker"].startswith("unknown")

    heartbeat.delay()  # eager here: the same code a worker runs every 15 seconds

    after = client.get("/healthz").json()
    assert after["worker"] == "ok"
    assert after["worker_heartbeat_age_seconds"] < 5


def test_healthz_is_503_when_the_broker_is_down(client):
    from elearning.celery import app

    # Producers connect to broker_write_url; point it where nothing listens.
    app.conf.broker_write_url = "redis://127.0.0.1:1/0"
    try:
        response = client.get("/healthz")
    finally:
        app.conf.broker_write_url = None

    assert response.status_code == 503
    assert response.json()["broker"].startswith("error")
