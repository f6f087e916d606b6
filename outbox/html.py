"""Every email leaves with an HTML part beside its plain text, from one base template.

Apps write their messages once, as plain text (templates under each app's
`email/`); `email_with_html` wraps that same text in the branded, accessible
layout of templates/email/base.html just before sending: paragraphs kept, web
addresses made links, `lang` set. One source of wording per message means the
two parts can never say different things. A message that already carries its
own HTML (an e-news issue, allauth's HTML templates) is left as it is.
"""

import uuid
from typing import Any

from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.template.loader import render_to_string

HTML = "text/html"


class EmailWithBoundaries(EmailMultiAlternatives):
    """A message whose multipart boundaries are random from the start. Left to itself, the standard
    library picks one while writing the message out and then searches the whole text for it with a
    regular expression compiled for that one message: half the cost of turning an e-news copy into
    bytes. A boundary of 122 random bits, drawn after the text was written, cannot be in it."""

    def message(self, **options: Any) -> Any:  # options: what newer Django versions take (policy)
        message = super().message(**options)
        for part in message.walk():
            if part.is_multipart():
                part.set_boundary(f"==============={uuid.uuid4().hex}==")
        return message


def _has_html(message: EmailMessage) -> bool:
    return any(mimetype == HTML for _, mimetype in getattr(message, "alternatives", []))


def email_with_html(message: EmailMessage) -> EmailMessage:
    """The message with an HTML alternative rendered from its text (attachments and headers kept)."""
    if _has_html(message) or message.content_subtype == "html":
        return message
    html = render_to_string("email/base.html", {"subject": message.subject, "text": message.body})
    combined = EmailWithBoundaries(
        subject=message.subject,
        body=message.body,
        from_email=message.from_email,
        to=message.to,
        cc=message.cc,
        bcc=message.bcc,
        reply_to=message.reply_to,
        headers=message.extra_headers,
        attachments=message.attachments,
        connection=message.connection,
    )
    combined.attach_alternative(html, HTML)
    return combined
