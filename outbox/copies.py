"""One message written once and sent to many, each recipient's own values put into its bytes.

Building a message with Django's email classes and writing it out costs about half a millisecond
of CPU, most of what an e-news copy costs the worker once its rows are read. The copies of one
issue for one region differ only in the address, the unsubscribe link, the Date and the
Message-ID, so a batch writes the message once with placeholders there (`copy_template`) and puts
each member's values in (`copy_written`).

That is only done where the result is what Django would have written for that member. The
template is refused (None: the caller sends the message as usual) unless its parts are written
as they are (7bit or 8bit, not quoted-printable or base64), every placeholder comes out in the
written bytes exactly as often as it went in (not folded, encoded or split) and no line could grow
past SMTP's limit. A value is refused unless it is plain
ASCII with nothing that header folding breaks at or an address needs quoting for; an address
that Django would rewrite (non-ASCII, quoted) is sent the usual way.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from email.utils import formatdate, make_msgid

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.message import sanitize_address
from django.core.mail.utils import DNS_NAME

ADDRESS_SLOT = "copy-recipient@copy-slot.invalid"
_DATE_SLOT = "__COPY_DATE__"
_MESSAGE_ID_SLOT = "__COPY_MESSAGE_ID__"
# SMTP's limit on a line (RFC 5321), and room left on each line for every placeholder on it to
# grow into its value: Django writes the body in quoted-printable instead once a line is too long.
_LONGEST_LINE = 998
_ROOM_PER_SLOT = 300
# What sanitize_address leaves unchanged and the header writer never folds at.
_PLAIN_ADDRESS = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9.-]+")
_PLAIN_VALUE = re.compile(r"[!-~]+")  # printable ASCII, no space
_FOLDS_AT = re.compile(r"[;,]")


@dataclass(frozen=True)
class CopyTemplate:
    written: bytes
    envelope_from: str
    slots: tuple[str, ...]  # the caller's own placeholders


@dataclass(frozen=True)
class WrittenCopy:
    envelope_from: str
    data: bytes


def _sources(message: EmailMessage) -> list[str]:
    """Every text the message is written from, where a placeholder could have been put."""
    alternatives = [str(content) for content, _ in getattr(message, "alternatives", [])]
    return [str(message.body), *alternatives, *map(str, message.extra_headers.values()), *message.to]


def copy_template(message: EmailMessage, *, slots: tuple[str, ...]) -> CopyTemplate | None:
    """`message` written with placeholders: To `ADDRESS_SLOT`, and each of `slots` where the
    recipient's values go. None if the written bytes cannot simply be filled in."""
    if message.to != [ADDRESS_SLOT] or message.cc or message.bcc or message.attachments:
        return None
    message.extra_headers = {**message.extra_headers, "Date": _DATE_SLOT, "Message-ID": _MESSAGE_ID_SLOT}
    mime = message.message()
    # Quoted-printable or base64 (Django's choice for long lines) would change a value put into them.
    if any(
        part["Content-Transfer-Encoding"] not in ("7bit", "8bit") for part in mime.walk() if not part.is_multipart()
    ):
        return None
    # As Django's SMTP backend writes it (Django's MIME classes take `linesep`; the stubs' Message does not).
    written = mime.as_bytes(linesep="\r\n")  # type: ignore[call-arg]
    sources = _sources(message)
    for slot in (ADDRESS_SLOT, _DATE_SLOT, _MESSAGE_ID_SLOT, *slots):
        if written.count(slot.encode()) != sum(source.count(slot) for source in sources):
            return None
    encoded = [slot.encode() for slot in (ADDRESS_SLOT, *slots)]
    for line in written.split(b"\r\n"):
        if len(line) + _ROOM_PER_SLOT * sum(line.count(slot) for slot in encoded) > _LONGEST_LINE:
            return None
    encoding = message.encoding or settings.DEFAULT_CHARSET
    return CopyTemplate(written=written, envelope_from=sanitize_address(message.from_email, encoding), slots=slots)


def copy_written(template: CopyTemplate, *, address: str, values: Mapping[str, str]) -> WrittenCopy | None:
    """The copy for `address`, with `values` (one per slot of the template) in place, as Django's
    SMTP backend would have written it (a fresh Date and Message-ID). None if a value cannot be
    put in as it is: the caller then builds the message the usual way."""
    if not _PLAIN_ADDRESS.fullmatch(address) or set(values) != set(template.slots):
        return None
    if any(not _PLAIN_VALUE.fullmatch(value) or _FOLDS_AT.search(value) for value in values.values()):
        return None
    written = template.written.replace(ADDRESS_SLOT.encode(), address.encode())
    for slot, value in values.items():
        written = written.replace(slot.encode(), value.encode())
    written = written.replace(_DATE_SLOT.encode(), formatdate(localtime=settings.EMAIL_USE_LOCALTIME).encode(), 1)
    written = written.replace(_MESSAGE_ID_SLOT.encode(), make_msgid(domain=str(DNS_NAME)).encode(), 1)
    return WrittenCopy(envelope_from=template.envelope_from, data=written)
