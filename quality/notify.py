"""The one place the quality app hands an email over for sending: the outbox."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string

from outbox.mail import email_enqueue


def quality_email_queue(
    *, to: str, subject: str, template: str, context: dict[str, object], key: str | None = None
) -> None:
    """Render `template` (plain text) into an outbox row written in the current
    transaction; the worker sends it after commit. A `key` makes a second
    queueing of the same message a no-op."""
    body = render_to_string(template, {**context, "site_url": settings.SITE_URL.rstrip("/")})
    email_enqueue(EmailMessage(subject=subject, body=body, to=[to]), key=key)
