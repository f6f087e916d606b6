"""A certificate's life in headless Chromium: a learner completes the demo
course, the certificate arrives by email from the SMTP sink, the address its QR
code encodes says "valid", an administrator revokes it in the Wagtail admin,
and the same address then says "revoked", with the reason. (The demo course's
first module holds the quizzes app's knowledge check; the quizzes journey walks
it in the browser, here the quizzes' test helper passes it.)"""

import re

import pytest
import segno
from django.core.management import call_command

from accounts.models import User
from certificates.models import Certificate
from courses.models import CoursePage
from demo.course_content import COURSE
from tests.certificates.pdf_reading import pdf_images, pdf_text
from tests.e2e.conftest import PHONE, AccessiblePage, sign_in, sign_out, wait_for_admin_messages
from tests.quizzes.factories import demo_quiz_pass
from tests.services import SmtpSink, message_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REASON = "Completed on a colleague's account"


def qr_encodes(pdf: bytes, url: str) -> bool:
    """The PDF's QR image has exactly the modules of a QR code for `url`."""
    [image] = pdf_images(pdf)
    matrix = segno.make(url, error="m").matrix
    border = (image.width - len(matrix)) // 2
    return image.width == image.height and all(
        (image.pixel(x + border, y + border) < 128) == bool(module)
        for y, row in enumerate(matrix)
        for x, module in enumerate(row)
    )


def test_a_learner_gets_a_certificate_that_checks_valid_until_an_administrator_revokes_it(
    live_server, accessible_page: AccessiblePage, smtp_settings: SmtpSink, settings
):
    settings.SITE_URL = live_server.url  # the address the QR code and the email point to
    call_command("seed_demo", allow_production=True)
    # The demo's own mail to the learner (a booking, an attendance certificate) comes first.
    seeded = len(smtp_settings.messages_to("learner@example.org"))
    course = CoursePage.objects.get(slug=COURSE["slug"])
    base = live_server.url
    page = accessible_page.page

    # The learner completes the demo course.
    sign_in(accessible_page, base, "learner@example.org")
    accessible_page.goto(base + course.url)
    page.get_by_role("button", name="Enrol on this course (free)").click()
    page.get_by_text(f"You are enrolled on {course.title}.").wait_for()
    accessible_page.check()
    demo_quiz_pass(User.objects.get(email="learner@example.org"))  # completes the first module
    accessible_page.goto(base + course.url)
    page.get_by_role("button", name=re.compile(r"^(Start the course|Continue where you left off): ")).click()
    page.get_by_role("button", name="I have finished this module").wait_for()
    accessible_page.check()
    for _ in range(len(COURSE["modules"])):
        page.get_by_role("button", name="I have finished this module").click()
        page.wait_for_load_state("load")
        accessible_page.check()
        if page.get_by_text("Well done: you have completed the course.").count():
            break
    assert page.get_by_text("Well done: you have completed the course.").is_visible()

    # The certificate arrives by email, with the PDF.
    [message] = [
        m
        for m in smtp_settings.wait_for(seeded + 2, to="learner@example.org", timeout=60)[seeded:]
        if "certificate" in m["Subject"]
    ]
    [pdf] = [part.get_payload(decode=True) for part in message.walk() if part.get_content_type() == "application/pdf"]
    text = " ".join(pdf_text(pdf).split()).replace("- ", "-")
    # The address may wrap across lines in the PDF (after a "/" or a "-"), which reads back as a space.
    found = re.search(r"Check this certificate at (\S+/verify/) ?([0-9A-Z-]+/)", text)
    assert found, text
    address = found[1] + found[2]
    assert address.startswith(base + "/verify/")
    assert qr_encodes(pdf, address)
    assert address in message_text(message)
    # The demo learner already holds an attendance certificate from the demo's past workshop.
    certificate = Certificate.objects.get(member__email="learner@example.org", kind="course")
    assert certificate.name_printed in text

    # Anyone with the QR code's address sees "valid", on a phone too.
    page.set_viewport_size(PHONE)
    accessible_page.goto(address)
    assert page.get_by_role("heading", level=2, name="This certificate is valid").is_visible()
    assert page.get_by_text(certificate.name_printed, exact=True).is_visible()
    accessible_page.assert_fits(PHONE["width"])
    page.set_viewport_size({"width": 1024, "height": 800})

    # The learner sees it among their certificates.
    accessible_page.goto(base + "/account/certificates/")
    assert page.get_by_role("link", name=re.compile(rf"^Add to LinkedIn \({re.escape(course.title)},")).is_visible()
    sign_out(accessible_page, base)

    # An administrator finds it by its code and revokes it with a reason.
    sign_in(accessible_page, base, "admin@example.org")
    accessible_page.goto(base + "/cms/issued-certificates/")
    page.get_by_label("Find by code, name, email or title").fill(certificate.code_display)
    page.get_by_role("button", name="Find certificates").click()
    page.wait_for_load_state("load")
    accessible_page.check()
    page.get_by_role("link", name=f"Revoke {certificate.code_display}").click()
    page.wait_for_url(re.compile(r"/revoke/$"))
    accessible_page.check()
    page.get_by_label("Reason").fill(REASON)
    page.get_by_role("button", name="Revoke certificate").click()
    page.wait_for_url(base + "/cms/issued-certificates/")
    wait_for_admin_messages(page)
    accessible_page.check()
    assert page.get_by_text(f"Certificate {certificate.code_display} is revoked.").is_visible()
    sign_out(accessible_page, base)

    # The same address now says "revoked", with the reason.
    accessible_page.goto(address)
    assert page.get_by_role("heading", level=2, name="This certificate has been revoked").is_visible()
    assert page.get_by_text(f"Reason: {REASON}").is_visible()

    # So does the code typed by hand into the form, in lower case and without dashes.
    accessible_page.goto(base + "/verify/")
    page.get_by_label("Certificate code").fill(certificate.code.lower())
    page.get_by_role("button", name="Check certificate").click()
    page.wait_for_url(address)
    accessible_page.check()
    assert page.get_by_role("heading", level=2, name="This certificate has been revoked").is_visible()
