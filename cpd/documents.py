"""The CPD record as downloads: a tagged PDF (PDF/UA-1, through the certificates' renderer, which
loads nothing but our own files within a time limit) and the rows of a CSV."""

from django.template.loader import render_to_string
from django.utils import timezone

from certificates.render import html_to_pdf
from cpd.selectors import CpdRecord


def cpd_record_pdf(*, record: CpdRecord) -> bytes:
    html = render_to_string("cpd/pdf/record.html", {"record": record, "generated_on": timezone.localdate()})
    return html_to_pdf(html)
