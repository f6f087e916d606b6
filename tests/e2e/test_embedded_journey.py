"""On `make run`'s embedded defaults (SQLite, the filesystem broker, a web
server, a worker with two processes and beat as separate processes sharing
one database file), a learner completes the demo course in Chromium and the
certificate appears on "My certificates" and in the mail folder: ten learners
in a row, every time.

The site holds the demo content as `make run` seeds it. Each learner has
already passed the facts-and-figures check and finished the other modules
(tests/embedded_setup.py); in the browser they finish the last required
module, which completes the course."""

import time

import pytest

from tests.e2e.conftest import AccessiblePage, sign_in, sign_out
from tests.embedded import EmbeddedSite

pytestmark = [pytest.mark.browser, pytest.mark.django_db]  # the site has its own database file

RUNS = 10


def diagnosis(site: EmbeddedSite) -> str:
    rows = site.query("SELECT kind, key, status, tries, last_error FROM outbox_outboxitem")
    return "\n".join(map(str, rows)) + site.log("web")[-2000:] + site.log("worker")[-3000:]


def test_ten_learners_in_a_row_complete_the_demo_course_and_each_gets_the_certificate(
    embedded_template_database, tmp_path, accessible_page: AccessiblePage
):
    site = EmbeddedSite(tmp_path / "run", embedded_template_database)
    data = site.setup("demo_course_and_learners", learners=RUNS)
    site.start()
    page = accessible_page.page
    base = site.url
    waits: list[float] = []
    try:
        for run, learner in enumerate(data["learners"], start=1):
            sign_in(accessible_page, base, learner["email"], data["password"])
            accessible_page.goto(base + data["last_module_url"])
            page.get_by_role("button", name="I have finished this module").wait_for()
            accessible_page.check()
            page.get_by_role("button", name="I have finished this module").click()
            page.wait_for_load_state("load")
            page.get_by_text("Well done: you have completed the course.").wait_for()
            accessible_page.check()

            # "My certificates" shows it once the worker has issued and rendered it.
            completed = time.monotonic()
            deadline = completed + 150  # past the default run's re-dispatch (60 s) and beat's interval (30 s)
            while True:
                accessible_page.goto(base + "/account/certificates/")
                if page.get_by_role("link", name=f"Download the PDF of {data['course_title']}").count():
                    break
                assert time.monotonic() < deadline, f"run {run}: no certificate on My certificates\n{diagnosis(site)}"
                time.sleep(1)
            waits.append(round(time.monotonic() - completed, 1))
            # And the email with the PDF is in the mail folder.
            while True:
                emails = [
                    m
                    for m in site.mail()
                    if m["To"] == learner["email"] and str(m["Subject"]).startswith("Your certificate")
                ]
                if emails:
                    break
                assert time.monotonic() < deadline, f"run {run}: no certificate email in the mail folder"
                time.sleep(0.5)
            [email] = emails
            assert [p.get_content_type() for p in email.walk() if p.get_filename()] == ["application/pdf"]
            sign_out(accessible_page, base)
    finally:
        site.stop()

    print(f"seconds from completing the course to the certificate on My certificates: {waits}")
    # The demo's own learner (learner@example.org) holds certificates too: count this test's learners' only.
    rendered = site.query(
        "SELECT count(*) FROM certificates_certificate c JOIN accounts_user u ON u.id = c.member_id"
        " WHERE c.pdf != '' AND c.kind = 'course' AND u.email GLOB 'learner[0-9]*@example.org'"
    )
    assert rendered == [(RUNS,)]
    assert site.query("SELECT count(*) FROM outbox_outboxitem WHERE status NOT IN ('sent', 'skipped')") == [(0,)]
