"""An e-news issue on `make run`'s embedded defaults (SQLite, the filesystem broker, a worker with
two processes and beat sharing one database file): 300 members who asked for it get one copy
each, with the one-click unsubscribe that works against the running site."""

import re
import time
from collections import Counter

import pytest
import requests

from tests.embedded import EmbeddedSite

MEMBERS = 300
# The test's own database is not used (the site has its own file); the mark lets the session set it up.
pytestmark = pytest.mark.django_db


def test_an_issue_reaches_each_consenting_member_once_and_one_click_unsubscribes(
    embedded_template_database, tmp_path, figure
):
    site = EmbeddedSite(tmp_path / "run", embedded_template_database)
    data = site.setup("enews_issue_sent_to_members", members=MEMBERS)
    site.start()
    try:
        started = time.monotonic()
        deadline = started + 300

        def issues() -> list:
            return [message for message in site.mail() if message["Subject"] == data["issue_title"]]

        while len(issues()) < MEMBERS:
            assert time.monotonic() < deadline, f"{len(issues())} of {MEMBERS} arrived:\n" + site.log("worker")[-3000:]
            time.sleep(0.5)
        seconds = time.monotonic() - started
        time.sleep(2)  # a late duplicate would have arrived by now
        received = issues()
        link = re.sub(r"\s+", "", str(received[0]["List-Unsubscribe"])).strip("<>")  # unfolded
        answer = requests.post(link, data={"List-Unsubscribe": "One-Click"}, timeout=30)
        withdrawn = site.query(
            "SELECT count(*) FROM accounts_user WHERE email = ? AND enews_consent_at IS NULL", received[0]["To"]
        )[0][0]
    finally:
        site.stop()

    copies = Counter(message["To"] for message in received)
    figure("members who asked for the e-news", MEMBERS)
    figure("copies received", len(received))
    figure("members with two copies", sum(1 for count in copies.values() if count > 1))
    figure("seconds from the worker's start to the last copy", round(seconds, 1))
    assert sorted(copies) == sorted(data["readers"])
    assert set(copies.values()) == {1}
    assert all(message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click" for message in received)
    assert answer.status_code == 200
    assert withdrawn == 1
    assert "Traceback" not in site.log("worker")
