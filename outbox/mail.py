"""Email through the outbox: the only way mail leaves the platform.

Apps register a renderer per kind (`email_kind_register`): at send time, in
the worker, it re-reads the rows named in the payload and builds the message,
attachments included (a PDF from storage, an .ics from the database), so the
broker carries only an item id. `email_enqueue` is for mail rendered where it
is caused (allauth's, which needs the request): its text waits in the row
until it is sent and is then removed.
"""

import uuid
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.core.validators import validate_email

from outbox.connection import current_mail_connection, mail_connection_spoiled
from outbox.copies import WrittenCopy
from outbox.html import EmailWithBoundaries, email_with_html
from outbox.kinds import NothingToDo, Payload, PermanentFailure, kind_register
from outbox.models import OutboxItem
from outbox.services import outbox_enqueue

RENDERED_KIND = "mail.rendered"


def email_send(message: EmailMessage, *, written: WrittenCopy | None = None) -> None:
    """Send now (in the worker), with an HTML part from the text where it has none.
    Raises PermanentFailure for an address no server could take. `written` is the message's
    bytes already written (outbox.copies), sent as they are over a batch's SMTP connection; any
    other way of sending (the tests' memory, the console) builds the message from its fields."""
    recipients = message.recipients()
    if not recipients:
        raise PermanentFailure("The message has no recipient.")
    for address in recipients:
        try:
            validate_email(address)
        except ValidationError:
            raise PermanentFailure(f"Not an email address: {address!r}.") from None
    message = email_with_html(message)
    shared = current_mail_connection()
    if shared is not None:
        message.connection = shared
    try:
        if written is not None and isinstance(shared, SMTPBackend) and shared.connection is not None:
            shared.connection.sendmail(written.envelope_from, recipients, written.data)
        else:
            message.send()
    except ValueError as error:  # Django's header checks: a line break or an invalid address
        raise PermanentFailure(f"The message cannot be sent as it is: {error}") from error
    except Exception:
        mail_connection_spoiled()
        raise


def email_kind_register(kind: str, render: Callable[[Payload], EmailMessage | None]) -> None:
    """`render(payload)` builds the message at send time, or returns None when
    there is nothing to send any more (the item is marked "nothing to do")."""

    def perform(payload: Payload) -> None:
        message = render(payload)
        if message is None:
            raise NothingToDo("Nothing to send any more.")
        email_send(message)

    kind_register(kind, perform)


def email_enqueue(message: EmailMessage, *, key: str | None = None) -> OutboxItem:
    """Queue an already rendered message (no attachments: mail with attachments
    has a renderer of its own). Written in the current transaction."""
    if message.attachments:
        raise ValueError("Mail with attachments needs a renderer that builds them at send time.")
    html = next(
        (str(content) for content, mimetype in getattr(message, "alternatives", []) if mimetype == "text/html"), None
    )
    payload: Payload = {
        "subject": str(message.subject),
        "body": str(message.body),
        "html": html,
        "from_email": message.from_email,
        "to": list(message.to),
        "headers": dict(message.extra_headers),
    }
    return outbox_enqueue(kind=RENDERED_KIND, key=key or f"mail:{uuid.uuid4()}", payload=payload)


def _rendered_perform(payload: Payload) -> None:
    message = EmailWithBoundaries(
        subject=payload["subject"],
        body=payload["body"],
        from_email=payload["from_email"],
        to=payload["to"],
        headers=payload["headers"],
    )
    if payload.get("html"):
        message.attach_alternative(payload["html"], "text/html")
    email_send(message)


kind_register(RENDERED_KIND, _rendered_perform, scrub_payload_when_done=True)
