"""The assessment and its action plan as downloads: a tagged PDF (PDF/UA-1)
and the rows of a CSV (written by elearning.web.csv_response, which keeps
cells from running as spreadsheet formulas)."""

import weasyprint
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from weasyprint.urls import URLFetcher, URLFetcherResponse

from quality.selectors import AssessmentReport, action_label


class RefusedURL(ValueError):
    pass


class NothingFetcher(URLFetcher):
    """The PDF's template carries its styles inline and loads nothing, so any
    address in it (from a note that slipped past escaping) is refused."""

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        raise RefusedURL(f"The assessment PDF loads nothing, not {url[:80]!r}.")


def assessment_pdf(*, report: AssessmentReport) -> bytes:
    html = render_to_string("quality/pdf/assessment.html", {"report": report, "generated_at": timezone.now()})
    # PDF/UA-1: tagged structure, the document's language and title taken from <html lang> and <title>.
    pdf = weasyprint.HTML(string=html, url_fetcher=NothingFetcher()).write_pdf(pdf_variant="pdf/ua-1")
    assert pdf is not None
    return pdf


def assessment_csv_rows(*, report: AssessmentReport) -> list[list[object]]:
    """The team, one row per statement, then one per action."""
    assessment = report.assessment
    rows: list[list[object]] = [
        ["Team", assessment.team_name],
        ["Organisation", assessment.organisation],
        ["Started", assessment.started_at.date().isoformat()],
        ["Completed", assessment.completed_at.date().isoformat() if assessment.completed_at else "In progress"],
        [],
        ["Statement", "Rating", "Previous rating", "Checklist items met", "Evidence and notes"],
    ]
    for entry in report.statements:
        met = [item.text for item, is_met in entry.checklist if is_met]
        rows.append(
            [
                str(entry.statement),
                entry.rating_label,
                entry.previous_label if report.has_previous else "",
                f"{len(met)} of {len(entry.checklist)}: " + "; ".join(met) if met else f"0 of {len(entry.checklist)}",
                entry.response.evidence,
            ]
        )
    rows += [[], ["Action", "Statement", "Owner", "Due", "Status"]]
    for action in report.actions:
        rows.append(
            [
                action.title,
                action.statement.title if action.statement else "",
                action_label(action),
                action.due_on.isoformat() if action.due_on else "",
                action.get_status_display(),
            ]
        )
    return rows


def download_filename(report: AssessmentReport, extension: str) -> str:
    assessment = report.assessment
    return f"quality-self-assessment-{slugify(assessment.team_name)[:60]}-{assessment.started_at:%Y-%m-%d}.{extension}"
