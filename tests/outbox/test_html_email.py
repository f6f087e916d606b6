"""Every email has an HTML part from one base template beside its plain text, and every
subject we write is in sentence case."""

import email
import re
from pathlib import Path

import pytest
from django.core.mail import EmailMessage, EmailMultiAlternatives

from outbox.html import EmailWithBoundaries
from outbox.mail import email_send
from tests.services import PROJECT_DIR, email_problems, message_text, subject_is_sentence_case
from workshops.emails import SUBJECTS

pytestmark = pytest.mark.django_db

OUR_APPS = ["accounts", "certificates", "courses", "outbox", "quality", "quizzes", "scorm", "workshops"]


def test_a_plain_message_arrives_as_html_and_text_with_its_attachment(smtp_settings):
    message = EmailMessage(
        subject="Your place is booked: Supporting children of prisoners",
        body="Dear Sam,\n\nYour place is booked.\nWorkshop page: https://learn.example/workshops/1/\n\ni-HOP learning",
        to=["sam@example.org"],
    )
    message.attach("invite.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")

    email_send(message)

    [received] = smtp_settings.wait_for(1)
    assert email_problems(received) == []
    assert message_text(received).startswith("Dear Sam,")
    html = next(p for p in received.walk() if p.get_content_type() == "text/html").get_payload(decode=True).decode()
    assert "<p>Dear Sam,</p>" in html
    assert '<a href="https://learn.example/workshops/1/"' in html
    assert "<br>Workshop page" in html  # the text's line breaks kept
    assert [p.get_filename() for p in received.walk() if p.get_filename()] == ["invite.ics"]


def test_each_multipart_message_has_its_own_random_boundaries_chosen_before_it_is_written():
    message = EmailWithBoundaries(subject="Your certificate", body="Dear Sam,\n\n--\ni-HOP", to=["sam@example.org"])
    message.attach_alternative("<p>Dear Sam,</p>", "text/html")
    message.attach("invite.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")

    first, second = message.message(), message.message()

    boundaries = [part.get_boundary() for part in first.walk() if part.is_multipart()]
    assert len(boundaries) == 2  # mixed (with the attachment) around alternative (text and HTML)
    assert all(re.fullmatch(r"={15}[0-9a-f]{32}==", boundary) for boundary in boundaries)
    assert set(boundaries).isdisjoint(part.get_boundary() for part in second.walk() if part.is_multipart())
    read_back = email.message_from_bytes(first.as_bytes())
    assert [part.get_content_type() for part in read_back.walk()] == [
        "multipart/mixed",
        "multipart/alternative",
        "text/plain",
        "text/html",
        "text/calendar",
    ]
    assert read_back.get_payload()[0].get_payload()[0].get_payload() == "Dear Sam,\n\n--\ni-HOP"


def test_a_message_with_its_own_html_is_sent_as_written(smtp_settings):
    message = EmailMultiAlternatives(subject="The i-HOP e-news", body="Text", to=["sam@example.org"])
    message.attach_alternative('<html lang="en-GB"><p>Written for email</p></html>', "text/html")

    email_send(message)

    [received] = smtp_settings.wait_for(1)
    html = next(p for p in received.walk() if p.get_content_type() == "text/html").get_payload(decode=True).decode()
    assert html == '<html lang="en-GB"><p>Written for email</p></html>'


def test_a_message_without_html_is_caught_by_the_check():
    # The check every test's SMTP sink runs must be able to fail.
    from email import message_from_string

    plain = message_from_string("Subject: [i-HOP learning] Please Confirm\n\nHello {{ name }}")
    assert email_problems(plain) != []


def _subjects_in_code() -> list[str]:
    """Each subject our apps write: subject="..." and f"..." in their code, placeholders taken out."""
    found = []
    for app in OUR_APPS:
        for path in Path(PROJECT_DIR, app).rglob("*.py"):
            found += re.findall(r'subject=f?"([^"]+)"', path.read_text())
    return found


def test_every_subject_we_write_is_in_sentence_case():
    templates = sorted((PROJECT_DIR / "templates" / "account" / "email").glob("*_subject.txt"))
    wordings = [path.read_text().strip() for path in templates] + list(SUBJECTS.values()) + _subjects_in_code()
    without_placeholders = [re.sub(r"\{[^}]*\}", "", wording).strip(" :") for wording in wordings]
    # A subject made only of placeholders is someone else's wording (a trainer's message to attendees).
    without_placeholders = [wording for wording in without_placeholders if re.search("[A-Za-z]", wording)]

    assert len(templates) >= 13 and len(_subjects_in_code()) >= 3
    assert [w for w in without_placeholders if not subject_is_sentence_case(w)] == []
