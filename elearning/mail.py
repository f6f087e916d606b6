"""Outgoing email, always through the worker and only after commit.

Mail is rendered in the web process (where the request and templates are)
and handed to the worker as plain JSON, so a slow or failing SMTP server
never holds up a page, and a rolled-back transaction sends nothing.
"""

import base64
from typing import NotRequired, TypedDict

from celery import shared_task
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import transaction


class AttachmentPayload(TypedDict):
    filename: str
    content_base64: str  # JSON carries text only; base64 keeps bytes (a PDF) and text (an .ics) alike
    mimetype: str


class MailPayload(TypedDict):
    subject: str
    body: str
    html: str | None
    from_email: str | None
    to: list[str]
    headers: dict[str, str]
    attachments: NotRequired[list[AttachmentPayload]]


def _attachment_payload(filename: str | None, content: str | bytes, mimetype: str | None) -> AttachmentPayload:
    raw = content.encode() if isinstance(content, str) else content
    return {
        "filename": filename or "attachment",
        "content_base64": base64.b64encode(raw).decode("ascii"),
        "mimetype": mimetype or "application/octet-stream",
    }


def payload_from_message(message: EmailMessage) -> MailPayload:
    html = None
    for content, mimetype in getattr(message, "alternatives", []):
        if mimetype == "text/html":
            html = str(content)
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "html": html,
        "from_email": message.from_email,
        "to": list(message.to),
        "headers": dict(message.extra_headers),
        # Attachments added with message.attach(filename, content, mimetype).
        "attachments": [_attachment_payload(*attachment) for attachment in message.attachments],
    }


def email_queue_on_commit(message: EmailMessage) -> None:
    """Send `message` from the worker once the current transaction commits."""
    payload = payload_from_message(message)
    transaction.on_commit(lambda: email_send.delay(payload))


@shared_task(
    name="elearning.mail.email_send", acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=8
)
def email_send(payload: MailPayload) -> None:
    message = EmailMultiAlternatives(
        subject=payload["subject"],
        body=payload["body"],
        from_email=payload["from_email"],
        to=payload["to"],
        headers=payload["headers"],
    )
    if payload["html"]:
        message.attach_alternative(payload["html"], "text/html")
    for attachment in payload.get("attachments", []):
        message.attach(attachment["filename"], base64.b64decode(attachment["content_base64"]), attachment["mimetype"])
    message.send()
