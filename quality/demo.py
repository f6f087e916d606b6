"""Demo quality statements from quality/demo_content.py (idempotent: a
statement already there, perhaps edited in the CMS, is left as it is)."""

from django.db import transaction

from cms.models import Resource
from courses.models import ModulePage
from quality.demo_content import STATEMENTS
from quality.models import (
    QualityStatement,
    StatementChecklistItem,
    StatementModuleLink,
    StatementResourceLink,
)

SEED_ORDER = 45  # after the demo course (30) and the resource library (10)


@transaction.atomic
def demo_statements_seed() -> list[QualityStatement]:
    statements = []
    modules = {page.slug: page for page in ModulePage.objects.all()}
    resources = {resource.title: resource for resource in Resource.objects.all()}
    for data in STATEMENTS:
        statement = QualityStatement.objects.filter(slug=data["slug"]).first()
        if statement is None:
            levels = data["levels"]
            statement = QualityStatement.objects.create(
                number=data["number"],
                slug=data["slug"],
                title=data["title"],
                summary=data["summary"],
                description=data["description"],
                level_not_started=levels[0],
                level_developing=levels[1],
                level_established=levels[2],
                level_embedded=levels[3],
            )
            for order, (text, action) in enumerate(data["checklist"]):
                StatementChecklistItem.objects.create(
                    statement=statement, sort_order=order, text=text, suggested_action=action
                )
            for order, slug in enumerate(data["modules"]):
                if slug in modules:
                    StatementModuleLink.objects.create(statement=statement, sort_order=order, page=modules[slug])
            for order, title in enumerate(data["resources"]):
                if title in resources:
                    StatementResourceLink.objects.create(
                        statement=statement, sort_order=order, resource=resources[title]
                    )
        statements.append(statement)
    return statements


def seed() -> list[QualityStatement]:
    return demo_statements_seed()
