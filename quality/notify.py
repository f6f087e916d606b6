"""The one place the quality app hands an email over for sending.

It goes through the project's mail function as it is (queued for the worker
after commit); when the project moves to an outbox, only this function changes."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string

from elearning.mail import email_queue_on_commit


def quality_email_queue(*, to: str, subject: str, template: str, context: dict[str, object]) -> None:
    """Render `template` (plain text) and send it to `to` after the current transaction commits."""
    body = render_to_string(template, {**context, "site_url": settings.SITE_URL.rstrip("/")})
    email_queue_on_commit(EmailMessage(subject=subject, body=body, to=[to]))
