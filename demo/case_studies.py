"""Demo case studies: the listing page below the home page and one page per entry of
demo/case_study_content.py, linked to their organisations, Quality Statements and resources."""

from django.db import transaction

from casestudies.models import CaseStudyIndexPage, CaseStudyPage, CaseStudyResource
from cms.models import HomePage, Organisation, Resource
from demo.case_study_content import CASE_STUDIES
from quality.models import QualityStatement

INTRO = (
    "Practice examples from services that support the children and families of prisoners: what they did, "
    "and what it shows. Free for members."
)


@transaction.atomic
def demo_case_studies_seed() -> CaseStudyIndexPage:
    """Create the listing and whichever case studies are missing (by slug); never
    change one that exists. Run after the library and the Quality Statements."""
    index = CaseStudyIndexPage.objects.first()
    if index is None:
        index = CaseStudyIndexPage(title="Case studies", slug="case-studies", intro=INTRO, show_in_menus=True)
        HomePage.objects.get().add_child(instance=index)
        index.save_revision().publish()
    existing = set(CaseStudyPage.objects.values_list("slug", flat=True))
    for entry in CASE_STUDIES:
        if entry["slug"] in existing:
            continue
        page = CaseStudyPage(
            title=entry["title"],
            slug=entry["slug"],
            summary=entry["summary"],
            sector=entry["sector"],
            stage=entry["stage"],
            region=entry["region"],
            organisation=Organisation.objects.filter(name=entry["organisation"]).first(),
            body=[{"type": "text", "value": text} for text in entry["body"]],
        )
        page.quality_statements.set(QualityStatement.objects.filter(slug__in=entry["statements"]))
        page.resource_links = [
            CaseStudyResource(resource=resource) for resource in Resource.objects.filter(title__in=entry["resources"])
        ]
        index.add_child(instance=page)
        page.save_revision().publish()
    return index
