"""The default run as a newcomer gets it (`make run`'s settings): SQLite, the
filesystem broker, a web server, a worker with two processes and beat, all
sharing one database file (the web server here is gunicorn with two processes,
as runserver cannot take a burst of fifty connections at once). Fifty learners complete a course at the same
moment; every certificate is issued and rendered and no "database is locked"
is left unhandled (WAL, IMMEDIATE transactions and a busy timeout; the outbox
retries whatever still meets a lock)."""

import re
import time

import pytest
import requests

from tests.embedded import EmbeddedSite
from tests.http import CSRF, all_at_once

LEARNERS = 50
# The test's own database is not used (the site has its own file); the mark lets the session set it up.
pytestmark = pytest.mark.django_db


def signed_in(session_key: str) -> requests.Session:
    session = requests.Session()
    session.cookies.set("sessionid", session_key)
    session.cookies.set("csrftoken", CSRF)
    return session


def test_fifty_learners_complete_a_course_at_once_on_sqlite_with_a_two_process_worker(
    embedded_template_database, tmp_path, figure
):
    site = EmbeddedSite(tmp_path / "run", embedded_template_database)
    data = site.setup("course_and_learners", learners=LEARNERS, modules=1, enrol=True)
    url = f"{site.url}/learning/module/{data['module_ids'][0]}/complete/"
    sessions = [signed_in(learner["session"]) for learner in data["learners"]]
    site.start(web="gunicorn")  # two web processes as well, all on one database file
    try:
        started = time.monotonic()
        statuses = all_at_once(
            [
                lambda s=session: (
                    s.post(url, data={"csrfmiddlewaretoken": CSRF}, allow_redirects=False, timeout=180).status_code
                )
                for session in sessions
            ]
        )
        assert statuses == [302] * LEARNERS, "every completion was answered with its page, none failed"

        deadline = time.monotonic() + 600
        while site.query("SELECT count(*) FROM certificates_certificate WHERE pdf != ''")[0][0] < LEARNERS:
            assert time.monotonic() < deadline, "certificates were lost:\n" + site.log("worker")[-3000:]
            time.sleep(1)
        rendered_after = time.monotonic() - started
        while len([m for m in site.mail() if str(m["Subject"]).startswith("Your certificate")]) < LEARNERS:
            assert time.monotonic() < deadline, "certificate emails were lost"
            time.sleep(1)
    finally:
        site.stop()

    certificates = site.query("SELECT count(*), count(DISTINCT member_id) FROM certificates_certificate")[0]
    failed = site.query("SELECT count(*) FROM outbox_outboxitem WHERE status NOT IN ('sent', 'skipped')")[0][0]
    mail = site.mail()
    emailed = sorted(m["To"] for m in mail if str(m["Subject"]).startswith("Your certificate"))
    logs = site.log("web") + site.log("worker") + site.log("beat")
    locked_retried = len(re.findall(r"try \d+ failed, retrying.*database is locked", logs))
    unhandled = logs.count("database is locked") - locked_retried
    figure("learners completing at once", LEARNERS)
    figure("certificates issued", certificates[0])
    figure("PDFs", site.query("SELECT count(*) FROM certificates_certificate WHERE pdf != ''")[0][0])
    figure("certificate emails in the mail folder", len(emailed))
    figure("'database is locked' retried by the outbox", locked_retried)
    figure("'database is locked' left unhandled", unhandled)
    figure("seconds from the burst to the last PDF", round(rendered_after, 1))
    assert certificates == (LEARNERS, LEARNERS)
    assert emailed == sorted(learner["email"] for learner in data["learners"])
    assert failed == 0
    assert unhandled == 0
    assert "Traceback" not in site.log("web")
