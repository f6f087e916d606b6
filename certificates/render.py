"""The certificate PDF: an HTML/CSS template rendered by WeasyPrint.

Everything printed goes through Django's autoescaping. WeasyPrint fetches
nothing but what we hand it: images we embed ourselves as data: URLs (the QR
code, the template's logo and signature) and our own static files through the
`ihop-static:` scheme. No file://, no network.
"""

import base64
import binascii
import functools
import mimetypes
import re
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import segno
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from certificates.codes import code_display

STATIC_SCHEME = "ihop-static:"
_DATA_IMAGE = re.compile(r"^data:(image/(?:png|jpeg|gif|webp));base64,([A-Za-z0-9+/=\s]+)$")
_STATIC_PATH = re.compile(r"^certificates/[a-z0-9_\-/]+\.(?:css|woff2?|ttf|otf|png)$")


class RefusedURL(ValueError):
    pass


# WeasyPrint is imported when the first PDF is made, not when Django starts:
# importing it is over a third of every start-up (web, worker, manage.py, each
# test run), and only the worker renders.
@functools.cache
def _own_files_fetcher_class() -> type:
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class OwnFilesFetcher(URLFetcher):
        """WeasyPrint's fetcher, narrowed to our embedded images and static files."""

        def __init__(self) -> None:
            super().__init__(timeout=1, allowed_protocols=("data", "ihop-static"), allow_redirects=False)
            self.refused: list[str] = []

        def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
            if match := _DATA_IMAGE.match(url):
                try:
                    body = base64.b64decode(match[2], validate=False)
                except binascii.Error as error:
                    raise RefusedURL("A malformed embedded image.") from error
                return URLFetcherResponse(url, body, {"Content-Type": match[1]})
            if url.startswith(STATIC_SCHEME):
                relative = url.removeprefix(STATIC_SCHEME)
                found = finders.find(relative) if _STATIC_PATH.match(relative) and ".." not in relative else None
                if isinstance(found, str):
                    mime_type = mimetypes.guess_type(found)[0] or "application/octet-stream"
                    return URLFetcherResponse(url, Path(found).read_bytes(), {"Content-Type": mime_type})
            self.refused.append(url)
            raise RefusedURL(f"Certificates load only the platform's own files, not {url[:80]!r}.")

    return OwnFilesFetcher


def __getattr__(name: str) -> Any:
    # `from certificates.render import OwnFilesFetcher` still works, and imports WeasyPrint then.
    if name == "OwnFilesFetcher":
        return _own_files_fetcher_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class RenderTimeout(Exception):
    """Rendering took longer than CERTIFICATES_RENDER_TIME_LIMIT_SECONDS."""


# After the limit the timer keeps firing at this interval until the block ends:
# a raise that lands in a weakref callback or a __del__ is swallowed by Python,
# and a one-shot timer would then let the render run to its end.
_TIMEOUT_REPEAT_SECONDS = 0.05


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Interrupt the block after `seconds` (a SIGALRM timer), where a timer can
    run: the main thread, as in a worker's pool process or a management command.
    Elsewhere (a threaded dev server's eager task) the worker's Celery limits
    are the guard. Celery's own soft limit uses SIGUSR1, so the two do not clash."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    armed = [True]

    def expire(signum: int, frame: Any) -> None:
        if armed[0]:
            raise RenderTimeout(f"Rendering the certificate took longer than {seconds} s.")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds, _TIMEOUT_REPEAT_SECONDS)
    try:
        yield
    finally:
        while armed[0]:
            try:  # noqa: SIM105 - a signal may land while contextlib.suppress is being entered
                armed[0] = False
            except RenderTimeout:  # fired just as the block ended: it is over either way
                pass
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def html_to_pdf(html: str, *, seconds: float | None = None) -> bytes:
    """Render trusted template output, within the time limit. The fetcher still
    refuses anything outside our own files, so markup that slipped through fetches nothing."""
    import weasyprint

    fetcher = _own_files_fetcher_class()()
    with time_limit(seconds or settings.CERTIFICATES_RENDER_TIME_LIMIT_SECONDS):
        # PDF/UA: tagged, so a screen reader reads the certificate in order, with its language and title.
        pdf = weasyprint.HTML(string=html, url_fetcher=fetcher).write_pdf(pdf_variant="pdf/ua-1")
    assert pdf is not None
    return pdf


def qr_data_uri(url: str) -> str:
    # One pixel per module: the PDF scales it up without smoothing (image-rendering: pixelated).
    return segno.make(url, error="m").png_data_uri(scale=1, border=4)


def image_data_uri(image: Any) -> str | None:
    """A Wagtail image as a PNG data: URL no larger than the certificate needs."""
    if image is None:
        return None
    try:
        rendition = image.get_rendition("max-600x240|format-png")
        with rendition.file.open("rb") as handle:
            data = handle.read()
    except (OSError, ValueError):
        return None
    return "data:image/png;base64," + base64.b64encode(data).decode("ascii")


@dataclass(frozen=True)
class CertificateContent:
    """What a certificate says: from a Certificate row, or a sample for previews."""

    name_printed: str
    title: str
    course_title: str
    cpd_hours: Decimal
    issued_on: Any
    expires_on: Any
    issuer: str
    code: str
    verify_url: str
    kind_label: str


@dataclass(frozen=True)
class TemplateLook:
    title: str = "Certificate of completion"
    wording: str = "has completed the course"
    signatory_name: str = ""
    signatory_role: str = ""
    primary_colour: str = "#4b2a7b"
    accent_colour: str = "#0b6b5a"
    logo_uri: str | None = None
    signature_uri: str | None = None


def template_look(template: Any, *, attendance: bool = False) -> TemplateLook:
    if template is None:
        if attendance:
            return TemplateLook(title="Certificate of attendance", wording="attended the workshop")
        return TemplateLook()
    return TemplateLook(
        title=template.attendance_title if attendance else template.title,
        wording=template.attendance_wording if attendance else template.wording,
        signatory_name=template.signatory_name,
        signatory_role=template.signatory_role,
        primary_colour=template.primary_colour,
        accent_colour=template.accent_colour,
        logo_uri=image_data_uri(template.logo),
        signature_uri=image_data_uri(template.signature_image),
    )


def certificate_html(content: CertificateContent, look: TemplateLook) -> str:
    return render_to_string(
        "certificates/pdf/certificate.html",
        {
            "content": content,
            "look": look,
            "code": code_display(content.code),
            "qr_uri": qr_data_uri(content.verify_url),
            "stylesheet": STATIC_SCHEME + "certificates/pdf.css",
        },
    )


def certificate_pdf(content: CertificateContent, look: TemplateLook) -> bytes:
    return html_to_pdf(certificate_html(content, look))


def sample_content() -> CertificateContent:
    """A made-up certificate for template previews."""
    from datetime import date

    return CertificateContent(
        name_printed="Sam Sample-Learner",
        title="Supporting children with a parent in prison",
        course_title="",
        cpd_hours=Decimal("1.5"),
        issued_on=date.today(),
        expires_on=None,
        issuer=settings.CERTIFICATES_ISSUER_NAME,
        code="0000000000000000",
        verify_url=settings.SITE_URL.rstrip("/") + "/verify/0000-0000-0000-0000/",
        kind_label="Course completed",
    )
