"""Builders for case-study pages (Wagtail pages need add_child, so plain functions)."""

from casestudies.models import CaseStudyIndexPage, CaseStudyPage
from cms.models import HomePage, Organisation

MEMBERS_ONLY_TEXT = "The family link worker rang the school the same afternoon."


def case_study_index() -> CaseStudyIndexPage:
    existing = CaseStudyIndexPage.objects.first()
    if existing:
        return existing
    index = CaseStudyIndexPage(title="Case studies", slug="case-studies")
    HomePage.objects.get().add_child(instance=index)
    return index


def make_case_study(
    *,
    title: str = "A school and a visit",
    summary: str = "How a primary school helped a pupil before and after a prison visit.",
    sector: str = "education",
    stage: str = "prison",
    region: str = "national",
    organisation: Organisation | None = None,
    body_text: str = MEMBERS_ONLY_TEXT,
    live: bool = True,
) -> CaseStudyPage:
    page = CaseStudyPage(
        title=title,
        summary=summary,
        sector=sector,
        stage=stage,
        region=region,
        organisation=organisation,
        body=[{"type": "text", "value": f"<p>{body_text}</p>"}],
        live=live,
    )
    case_study_index().add_child(instance=page)
    return page
