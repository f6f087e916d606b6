"""A batch writes one region's copy once and puts each member's address and link into its bytes
(outbox.copies): what reaches a real SMTP server must be what Django would have written for that
member, whatever is done to get there; and where the bytes cannot simply be filled in, the member
is sent the message the usual way."""

import re
from email import message_from_bytes
from email.message import Message

import pytest
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone

from accounts.choices import Region
from accounts.models import User
from enews.models import EnewsIssuePage
from enews.services import ISSUE_KIND, enews_message, enews_schedule, unsubscribe_token_read
from outbox.copies import ADDRESS_SLOT, copy_template, copy_written
from outbox.models import OutboxItem
from outbox.services import outbox_item_process, outbox_items_process
from tests.accounts.factories import MemberFactory
from tests.enews.factories import make_issue
from tests.services import SmtpSink

pytestmark = pytest.mark.django_db

# Set afresh for every message, by Django as by the copies (the boundary is compared on its own);
# the sink adds the envelope's recipient and the client's address.
PER_MESSAGE = {"date", "message-id", "content-type", "x-envelope-to", "x-smtp-peer"}
LINK = "__LINK__"


def send_to(members: list[User], django_capture_on_commit_callbacks) -> EnewsIssuePage:
    issue = make_issue(title="The December e-news")  # a subject as the sink's check wants it
    with django_capture_on_commit_callbacks(execute=False):
        enews_schedule(issue=issue, actor=MemberFactory(is_superuser=True))
        outbox_item_process(item_id=OutboxItem.objects.get(kind="enews.fan_out").pk)
    deliveries = list(OutboxItem.objects.filter(kind=ISSUE_KIND).order_by("pk").values_list("pk", flat=True))
    assert outbox_items_process(item_ids=deliveries) == {"sent": len(members)}
    return issue


def unsubscribe_link(message: Message) -> str:
    match = re.search(r"<(https?://\S+/e-news/unsubscribe/(\S+)/)>", str(message["List-Unsubscribe"]))
    assert match, message["List-Unsubscribe"]
    return match[1]


def as_read(message: Message, text: str) -> str:
    """Headers as a mail client reads them (folding undone), the member's link (signed at a given
    second) as a marker, so that a copy and Django's own message can be compared."""
    return re.sub(r"\r?\n[ \t]+", " ", text).strip().replace(unsubscribe_link(message), "<the member's link>")


def headers(message: Message) -> list[tuple[str, str]]:
    kept = [
        (name.lower(), as_read(message, str(value)))
        for name, value in message.items()
        if name.lower() not in PER_MESSAGE
    ]
    return sorted([*kept, ("content-type", message.get_content_type())])


def parts(message: Message) -> dict[str, str]:
    return {
        part.get_content_type(): as_read(
            message, part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")
        )
        for part in message.walk()
        if not part.is_multipart()
    }


def boundary(message: Message) -> str | None:
    return message.get_boundary()


def test_each_member_receives_what_django_would_have_written_for_them(
    smtp_settings: SmtpSink, django_capture_on_commit_callbacks
):
    members = [
        MemberFactory(email=f"reader.{n}+enews@example.org", region=region, enews_consent_at=timezone.now())
        for n, region in enumerate([Region.LONDON, Region.LONDON, Region.LONDON, Region.NORTH_EAST, Region.NORTH_EAST])
    ]
    issue = send_to(members, django_capture_on_commit_callbacks)

    received = {message["X-Envelope-To"]: message for message in smtp_settings.wait_for(len(members))}
    assert set(received) == {member.email for member in members}
    for member in members:
        copy = received[member.email]
        built = message_from_bytes(enews_message(issue=issue, member=member).message().as_bytes(linesep="\r\n"))
        assert headers(copy) == headers(built)
        assert parts(copy) == parts(built)
        assert copy["To"] == member.email
        assert unsubscribe_token_read(unsubscribe_link(copy).rstrip("/").rsplit("/", 1)[1]) == (member.pk, issue.pk)
    assert len({message["Message-ID"] for message in received.values()}) == len(members)
    # Written once per region for the batch: the copies of one region share their boundary.
    by_region = {
        region: {boundary(received[m.email]) for m in members if m.region == region}
        for region in {m.region for m in members}
    }
    assert all(len(boundaries) == 1 for boundaries in by_region.values())


def test_an_address_django_would_rewrite_is_sent_the_usual_way(
    smtp_settings: SmtpSink, django_capture_on_commit_callbacks
):
    plain = MemberFactory(email="plain@example.org", region=Region.LONDON, enews_consent_at=timezone.now())
    international = MemberFactory(email="anna@exämple.org", region=Region.LONDON, enews_consent_at=timezone.now())
    send_to([plain, international], django_capture_on_commit_callbacks)

    received = {message["To"]: message for message in smtp_settings.wait_for(2)}
    assert set(received) == {"plain@example.org", "anna@xn--exmple-cua.org"}  # the domain as Django writes it
    assert boundary(received["plain@example.org"]) != boundary(received["anna@xn--exmple-cua.org"])


def placeholder_message(html: str) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject="An issue", body=f"Leave: {LINK}", to=[ADDRESS_SLOT], headers={"List-Unsubscribe": f"<{LINK}>"}
    )
    message.attach_alternative(html, "text/html")
    return message


def test_a_copy_that_cannot_simply_be_filled_in_is_refused():
    template = copy_template(placeholder_message(f"<p><a href='{LINK}'>Leave</a></p>"), slots=(LINK,))
    assert template is not None
    filled = copy_written(template, address="reader@example.org", values={LINK: "https://example.org/leave/a:b/"})
    assert filled is not None and b"https://example.org/leave/a:b/" in filled.data and b"__" not in filled.data

    # A line so long that Django writes the part in quoted-printable, which breaks the placeholder.
    assert (
        copy_template(placeholder_message("<p>" + "word " * 300 + f"<a href='{LINK}'>Leave</a></p>"), slots=(LINK,))
        is None
    )
    # A line the member's link could push past SMTP's limit.
    assert copy_template(placeholder_message("x" * 800 + LINK), slots=(LINK,)) is None
    # Values that header folding would break at, or that are not plain ASCII.
    for value in ("https://example.org/a,b", "https://example.org/a b", "https://exämple.org/"):
        assert copy_written(template, address="reader@example.org", values={LINK: value}) is None
    assert copy_written(template, address='"a reader"@example.org', values={LINK: "https://example.org/"}) is None
