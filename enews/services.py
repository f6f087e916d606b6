"""Sending an e-news issue, and leaving the e-news from a link in one.

An administrator schedules an issue (now or later): that writes an `EnewsSend` and one outbox
item, the fan-out, due at the chosen time. When it is due the worker lists the members whose
consent stands at that moment and queues one outbox item per member ("enews:<issue>:<member>",
unique, so nobody is queued twice), handed to the broker a hundred to a message and sent over one
SMTP connection per hundred. Each is an at-most-once kind: consent is read again just before a
member's message is built, and a worker killed mid-send leaves at most the message it was
sending marked "may have arrived" instead of sending it again. Nothing is lost with the broker:
beat re-dispatches whatever is still pending.
"""

import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TypeVar

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.models import EnewsConsentChange, User
from accounts.services import member_enews_consent_set
from enews.models import EnewsIssuePage, EnewsSend
from enews.selectors import delivery_key_prefix, issue_sections, resources_window_start, unsubscribe_reference
from outbox.batch import batch_cached
from outbox.copies import ADDRESS_SLOT, CopyTemplate, copy_template, copy_written
from outbox.html import EmailWithBoundaries
from outbox.kinds import NothingToDo, Payload
from outbox.mail import email_send
from outbox.services import outbox_enqueue, outbox_enqueue_many

FAN_OUT_KIND = "enews.fan_out"
ISSUE_KIND = "enews.issue"
UNSUBSCRIBE_SALT = "enews.unsubscribe"
# A time a minute ago is "now" (the form was slow to submit); earlier is in the past.
PAST_GRACE = timedelta(minutes=1)
# The rendered issue per reader's region, kept while a send runs (the member's links go in after).
RENDER_CACHE_SECONDS = 600
_UNSUBSCRIBE_SLOT = "__ENEWS_UNSUBSCRIBE_URL__"

T = TypeVar("T")


class EnewsError(Exception):
    """A send that cannot be done as asked; the message is shown to the administrator."""


def unsubscribe_token(*, member_id: int, issue_id: int) -> str:
    return signing.dumps([member_id, issue_id], salt=UNSUBSCRIBE_SALT)


def unsubscribe_token_read(token: str) -> tuple[int, int] | None:
    """(member id, issue id) from a link's token, or None if it was changed or cut short."""
    try:
        member_id, issue_id = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(member_id, int) or not isinstance(issue_id, int):
        return None
    return member_id, issue_id


def unsubscribe_url(*, member_id: int, issue_id: int) -> str:
    token = unsubscribe_token(member_id=member_id, issue_id=issue_id)
    return settings.SITE_URL + reverse("enews:unsubscribe", args=[token])


def _has_content(issue: EnewsIssuePage) -> bool:
    return bool(issue.intro.strip()) and len(issue.body) > 0


@transaction.atomic
def enews_schedule(*, issue: EnewsIssuePage, actor: User, send_at: datetime | None = None) -> EnewsSend:
    """Schedule the issue's sending to every consenting member, now (`send_at` None) or later.
    Raises EnewsError for an issue that is not published, has no content, is already scheduled
    or sent, or for a time in the past."""
    now = timezone.now()
    if send_at is not None and send_at < now - PAST_GRACE:
        raise EnewsError("That time has passed. Choose a time from now on, or send it now.")
    issue = EnewsIssuePage.objects.select_for_update().get(pk=issue.pk)
    if not issue.live or issue.has_unpublished_changes:
        raise EnewsError("Publish the issue first, so members receive what you see in its preview.")
    if not _has_content(issue):
        raise EnewsError("The issue has no content yet: write its opening paragraph and add at least one section.")
    send = EnewsSend.objects.select_for_update().filter(issue=issue).first()
    if send and send.state == EnewsSend.State.SENDING:
        raise EnewsError("This issue has been sent already. Each issue goes to each member once.")
    if send and send.state == EnewsSend.State.SCHEDULED:
        raise EnewsError("This issue is already scheduled. Cancel that first to choose another time.")
    send = send or EnewsSend(issue=issue)
    send.send_at = send_at or now
    send.state = EnewsSend.State.SCHEDULED
    send.requested_by = actor
    send.save()
    outbox_enqueue(
        kind=FAN_OUT_KIND,
        key=f"enews-fan-out:{send.pk}:{send.send_at.isoformat()}",
        payload={"send": send.pk, "send_at": send.send_at.isoformat()},
        not_before=send.send_at,
    )
    return send


@transaction.atomic
def enews_cancel(*, issue: EnewsIssuePage) -> EnewsSend:
    send = EnewsSend.objects.select_for_update().filter(issue=issue).first()
    if send is None or send.state != EnewsSend.State.SCHEDULED:
        raise EnewsError("Only a scheduled issue can be cancelled; this one is not scheduled.")
    send.state = EnewsSend.State.CANCELLED
    send.save(update_fields=["state"])
    return send


def enews_test_send(*, issue: EnewsIssuePage, to: User) -> None:
    """Send the issue to `to` alone, now, whatever their consent (it is a test, to themselves)."""
    if not _has_content(issue):
        raise EnewsError("The issue has no content yet: write its opening paragraph and add at least one section.")
    outbox_enqueue(
        kind=ISSUE_KIND,
        key=f"enews-test:{issue.pk}:{to.pk}:{uuid.uuid4()}",
        payload={"issue": issue.pk, "member": to.pk, "test": True},
    )


def enews_fan_out_perform(payload: Payload) -> None:
    """The worker, when a send is due: queue one message per member who consents now."""
    with transaction.atomic():
        send = EnewsSend.objects.select_for_update().filter(pk=payload["send"]).first()
        if send is None or send.state == EnewsSend.State.CANCELLED or send.send_at.isoformat() != payload["send_at"]:
            raise NothingToDo("The send was cancelled or moved to another time.")
        if send.state == EnewsSend.State.SCHEDULED:
            send.state = EnewsSend.State.SENDING
            send.started_at = timezone.now()
            send.resources_since = resources_window_start(issue=send.issue, now=send.started_at)
        members = User.objects.filter(is_active=True, enews_consent_at__isnull=False).values_list("pk", flat=True)
        prefix = delivery_key_prefix(send.issue_id)
        entries: dict[str, Payload] = {f"{prefix}{pk}": {"issue": send.issue_id, "member": pk} for pk in members}
        outbox_enqueue_many(kind=ISSUE_KIND, entries=entries)
        # Run again after a crash, it queues only those not queued before; targeted counts them all.
        send.targeted = max(send.targeted, len(entries))
        send.save()


def _kept_while_sending(key: str, build: Callable[[], T]) -> T:
    """`build()`, kept in the cache while a send runs and for the rest of a batch in the worker's
    memory (outbox.batch). The key names the issue's revision, so a republished issue is built again."""

    def cached() -> T:
        kept: tuple[T] | None = cache.get(key)  # a 1-tuple, so that None is kept too
        if kept is None:
            kept = (build(),)
            cache.set(key, kept, RENDER_CACHE_SECONDS)
        return kept[0]

    return batch_cached(key, cached)


def _rendered_issue(issue: EnewsIssuePage, region: str) -> tuple[str, str]:
    """(text, HTML) of the issue for a reader in `region`, with a slot for their own link."""

    def render() -> tuple[str, str]:
        context = {
            "issue": issue,
            "sections": issue_sections(issue=issue, region=region),
            "web_version_url": settings.SITE_URL + issue.url if issue.url else settings.SITE_URL,
            "site_url": settings.SITE_URL,
            "unsubscribe_url": _UNSUBSCRIBE_SLOT,
            "subject": issue.title,
        }
        return render_to_string("enews/email/issue.txt", context), render_to_string("enews/email/issue.html", context)

    return _kept_while_sending(f"enews:rendering:{issue.pk}:{issue.latest_revision_id}:{region or '-'}", render)


def enews_message(*, issue: EnewsIssuePage, member: User) -> EmailWithBoundaries:
    """The issue as `member` receives it, with the one-click unsubscribe headers (RFC 8058)."""
    link = unsubscribe_url(member_id=member.pk, issue_id=issue.pk)
    return _issue_message(issue, member.region, address=member.email, link=link)


def _issue_message(issue: EnewsIssuePage, region: str, *, address: str, link: str) -> EmailWithBoundaries:
    text, html = _rendered_issue(issue, region)
    message = EmailWithBoundaries(
        subject=issue.title,
        body=text.replace(_UNSUBSCRIBE_SLOT, link),
        to=[address],
        headers={"List-Unsubscribe": f"<{link}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    )
    message.attach_alternative(html.replace(_UNSUBSCRIBE_SLOT, link), "text/html")
    return message


def _copy_template(issue: EnewsIssuePage, region: str) -> CopyTemplate | None:
    """The issue for a reader in `region`, written once with the member's address and link left as
    placeholders (outbox.copies); None where it cannot be filled in as it is."""

    def write() -> CopyTemplate | None:
        placeholders = _issue_message(issue, region, address=ADDRESS_SLOT, link=_UNSUBSCRIBE_SLOT)
        return copy_template(placeholders, slots=(_UNSUBSCRIBE_SLOT,))

    return _kept_while_sending(f"enews:copy:{issue.pk}:{issue.latest_revision_id}:{region or '-'}", write)


# The member as their copy needs them, read for each message just before it is built (after the
# claim), so that their consent is as it stands at that moment. Written out because it runs once per
# member: through a queryset it cost the worker about 0.5 ms of CPU, through `raw` about 0.27 ms.
_MEMBER_FOR_COPY = "SELECT id, email, region, is_active, enews_consent_at FROM accounts_user WHERE id = %s"


def enews_issue_perform(payload: Payload) -> None:
    """The worker: one member's copy, if their consent still stands (always, for a test). Their
    consent is read here, for each message; the issue once for a batch (outbox.batch)."""
    member = next(iter(User.objects.raw(_MEMBER_FOR_COPY, [payload["member"]])), None)
    if member is None or not member.is_active:
        raise NothingToDo("The member's account is gone.")
    if not payload.get("test") and not member.enews_consent:
        raise NothingToDo("The member withdrew their consent before their turn.")
    issue_id = payload["issue"]
    issue = batch_cached(("enews.issue", issue_id), lambda: EnewsIssuePage.objects.filter(pk=issue_id).first())
    if issue is None:
        raise NothingToDo("The issue was deleted.")
    if payload.get("test"):
        issue = issue.get_latest_revision_as_object()  # a test shows the draft being written
        email_send(enews_message(issue=issue, member=member))
        return
    link = unsubscribe_url(member_id=member.pk, issue_id=issue.pk)
    template = _copy_template(issue, member.region)
    written = copy_written(template, address=member.email, values={_UNSUBSCRIBE_SLOT: link}) if template else None
    email_send(_issue_message(issue, member.region, address=member.email, link=link), written=written)


def enews_unsubscribe(*, token: str) -> bool | None:
    """The member named by an unsubscribe link stops the e-news. True if that withdrew their
    consent, False if it was already withdrawn (or the account is gone), None for a link that is
    not valid. Idempotent: a second click, or a mail client's POST then the member's, is harmless."""
    read = unsubscribe_token_read(token)
    if read is None:
        return None
    member_id, issue_id = read
    member = User.objects.filter(pk=member_id).first()
    if member is None:
        return False
    return member_enews_consent_set(
        member=member,
        given=False,
        route=EnewsConsentChange.Route.UNSUBSCRIBE_LINK,
        reference=unsubscribe_reference(issue_id),
    )
