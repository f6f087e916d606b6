"""The PDF prints what it is given, literally, and fetches nothing but our own files."""

import socket
import threading
from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest
import segno

from certificates.models import Certificate
from certificates.render import (
    CertificateContent,
    OwnFilesFetcher,
    RefusedURL,
    TemplateLook,
    certificate_pdf,
    html_to_pdf,
)
from certificates.services import certificate_issue
from tests.accounts.factories import MemberFactory
from tests.certificates.conftest import HOSTILE_NAME_TEMPLATE, course_achievement
from tests.certificates.pdf_reading import pdf_images, pdf_text


class LoopbackListener:
    """A TCP listener on 127.0.0.1 that records every connection made to it."""

    def __init__(self) -> None:
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(8)
        self.server.settimeout(0.2)
        self.port = int(self.server.getsockname()[1])
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self.server.accept()
            except OSError:
                continue
            self.connections += 1
            client.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.server.close()


@pytest.fixture
def listener() -> Iterator[LoopbackListener]:
    probe = LoopbackListener()
    yield probe
    probe.close()


def flat(text: str) -> str:
    return " ".join(text.split())


def content(name: str) -> CertificateContent:
    return CertificateContent(
        name_printed=name,
        title="Supporting children of prisoners",
        course_title="",
        cpd_hours=Decimal("1.5"),
        issued_on=date(2026, 3, 14),
        expires_on=None,
        issuer="i-HOP (Barnardo's)",
        code="7KQ2M9XD4TPBHC3R",
        verify_url="http://testserver/verify/7KQ2-M9XD-4TPB-HC3R/",
        kind_label="Course completed",
    )


def test_the_listener_would_notice_a_fetch(listener):
    """Control: WeasyPrint's own fetcher, given the same markup unescaped, does call the listener."""
    import weasyprint

    weasyprint.HTML(string=HOSTILE_NAME_TEMPLATE.format(port=listener.port)).write_pdf()

    assert listener.connections >= 1


@pytest.mark.django_db
def test_a_hostile_name_prints_literally_and_fetches_nothing(listener, course, django_capture_on_commit_callbacks):
    hostile = HOSTILE_NAME_TEMPLATE.format(port=listener.port)
    learner = MemberFactory(full_name=hostile)

    with django_capture_on_commit_callbacks(execute=True):
        certificate = certificate_issue(achievement=course_achievement(learner, course))
    assert certificate is not None
    certificate.refresh_from_db()
    text = flat(pdf_text(certificate.pdf.read()))

    assert hostile in text
    assert listener.connections == 0


def test_markup_that_slipped_past_escaping_still_fetches_nothing(listener):
    """Defence in depth: raw HTML handed to our renderer cannot reach files or the network."""
    pdf = html_to_pdf(
        f'<p>Before</p><img src="file:///etc/passwd"><link rel=stylesheet href="http://127.0.0.1:{listener.port}/x">'
        f'<img src="http://127.0.0.1:{listener.port}/y.png"><style>@import url("file:///etc/passwd");</style>'
        "<p>After</p>"
    )

    assert "Before" in pdf_text(pdf) and "After" in pdf_text(pdf)
    assert listener.connections == 0
    assert "root:" not in pdf_text(pdf)


def test_the_fetcher_refuses_files_networks_and_paths_outside_our_static_files():
    fetcher = OwnFilesFetcher()
    for url in [
        "file:///etc/passwd",
        "http://127.0.0.1:9/x",
        "https://example.org/logo.png",
        "ihop-static:../../etc/passwd",
        "ihop-static:css/site.css",
        "data:text/html;base64,PHNjcmlwdD4=",
        "data:image/svg+xml;base64,PHN2Zz4=",
    ]:
        with pytest.raises(RefusedURL):
            fetcher.fetch(url)

    assert fetcher.fetch("ihop-static:certificates/pdf.css").read().startswith(b"@page")


def test_the_qr_code_in_the_pdf_encodes_the_verification_address():
    pdf = certificate_pdf(content("Morgan Price"), TemplateLook())

    text = flat(pdf_text(pdf))
    assert "Check this certificate at http://testserver/verify/7KQ2-M9XD-4TPB-HC3R/" in text.replace("- ", "-")
    [image] = pdf_images(pdf)
    matrix = segno.make("http://testserver/verify/7KQ2-M9XD-4TPB-HC3R/", error="m").matrix
    border = (image.width - len(matrix)) // 2
    assert border == 4
    dark = [[image.pixel(x + border, y + border) < 128 for x in range(len(matrix))] for y in range(len(matrix))]
    assert dark == [[bool(module) for module in row] for row in matrix]


def test_rendering_stops_itself_before_the_outbox_task_is_killed(settings):
    from outbox.tasks import outbox_process

    assert outbox_process.time_limit == settings.OUTBOX_TASK_TIME_LIMIT_SECONDS
    assert outbox_process.time_limit > settings.CERTIFICATES_RENDER_TIME_LIMIT_SECONDS + 30


@pytest.mark.django_db
def test_a_revoked_certificate_is_never_emailed(member, course, mailoutbox):
    from certificates.services import (
        certificate_email_perform,
        certificate_render,
        certificate_revoke,
        certificates_issue,
    )
    from outbox.kinds import NothingToDo

    [certificate] = certificates_issue(achievements=[course_achievement(member, course)])  # render not yet run
    certificate_render(certificate_id=certificate.pk)  # rendered; the email is queued
    certificate_revoke(certificate_id=certificate.pk, reason="Issued in error")

    with pytest.raises(NothingToDo):
        certificate_email_perform({"certificate_id": certificate.pk})  # the queued email, at send time

    assert mailoutbox == []
    assert Certificate.objects.get(pk=certificate.pk).emailed_at is None


def test_a_certificate_is_one_a4_landscape_page_even_with_long_words():
    import re

    from tests.certificates.pdf_reading import pdf_objects

    long = content("Alexandra-Bartholomew Christabel Featherstonehaugh-Montgomery-Worthington")
    long = CertificateContent(**{**long.__dict__, "title": "Supporting children and families " * 4})
    pdf = certificate_pdf(long, TemplateLook(signatory_name="Dr Ada Clarke", signatory_role="Head of learning"))

    pages = [obj for obj in pdf_objects(pdf).values() if re.search(rb"/Type\s*/Page\b", obj.dictionary)]
    assert len(pages) == 1
    width, height = (float(n) for n in re.search(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pages[0].dictionary).groups())
    assert (round(width), round(height)) == (842, 595)


@pytest.mark.django_db
def test_the_template_logo_and_signature_are_embedded_in_the_pdf(member, course, django_capture_on_commit_callbacks):
    from io import BytesIO

    from django.core.files.images import ImageFile
    from PIL import Image as PillowImage
    from wagtail.images.models import Image

    from certificates.models import CertificateTemplate

    def wagtail_image(title: str, size: tuple[int, int]) -> Image:
        buffer = BytesIO()
        PillowImage.new("RGB", size, (29, 79, 145)).save(buffer, "PNG")
        return Image.objects.create(title=title, file=ImageFile(buffer, name=f"{title}.png"))

    CertificateTemplate.objects.create(
        name="With images",
        is_default=True,
        logo=wagtail_image("logo", (300, 120)),
        signature_image=wagtail_image("signature", (200, 60)),
    )
    with django_capture_on_commit_callbacks(execute=True):
        certificate = certificate_issue(achievement=course_achievement(member, course))
    assert certificate is not None
    certificate.refresh_from_db()

    sizes = sorted((image.width, image.height) for image in pdf_images(certificate.pdf.read()))
    assert (200, 60) in sizes and (300, 120) in sizes
    assert len(sizes) == 3  # with the QR code


def test_a_render_that_runs_too_long_is_stopped():
    from certificates.render import RenderTimeout

    endless = "".join(
        f"<p>Paragraph {number} of a document far too long to be a certificate.</p>" for number in range(20000)
    )

    with pytest.raises(RenderTimeout):
        html_to_pdf(endless, seconds=0.2)
    assert html_to_pdf("<p>Short</p>", seconds=5).startswith(b"%PDF-"), "the timer is cleared afterwards"


def test_the_certificate_is_a_tagged_pdf_a_screen_reader_reads_in_order(tmp_path):
    import subprocess

    path = tmp_path / "certificate.pdf"
    path.write_bytes(certificate_pdf(content("Ada Lovelace"), TemplateLook(signatory_name="Dr Ada Clarke")))
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout

    assert "Tagged:          yes" in info
    assert "Title:           Certificate of completion: Supporting children of prisoners" in info
    reading = flat(text)
    in_order = [
        "Certificate of completion",
        "This is to certify that",
        "Ada Lovelace",
        "has completed the course",
        "Supporting children of prisoners",
        "1.5 CPD hours",
        "Issued 14 March 2026",
        "Dr Ada Clarke",
    ]
    positions = [reading.find(part) for part in in_order]
    assert -1 not in positions, reading
    assert positions == sorted(positions), reading
