import pytest
from django.core.management import call_command

from accounts.choices import Role
from quality.models import QualityStatement, StatementModuleLink, StatementResourceLink
from tests.accounts.factories import MemberFactory

pytestmark = pytest.mark.django_db


def test_seed_demo_loads_the_eight_statements_with_their_links_once():
    call_command("seed_demo", allow_production=True)
    call_command("seed_demo", allow_production=True)
    statements = list(QualityStatement.objects.all())
    assert [s.title for s in statements] == [
        "Awareness",
        "Identification",
        "Children's voice and rights",
        "Multi-agency working",
        "Stages of the criminal justice system",
        "Support and services",
        "Challenging stigma",
        "Building the evidence",
    ]
    for statement in statements:
        assert statement.checklist_items.count() >= 3
        assert all(text for _, _, text in statement.level_descriptions())
        assert statement.module_links.exists(), statement.title
        assert statement.resource_links.exists(), statement.title
    # Every slug and title named in the demo content was found.
    from demo.quality_statements import STATEMENTS

    assert StatementModuleLink.objects.count() == sum(len(s["modules"]) for s in STATEMENTS)
    assert StatementResourceLink.objects.count() == sum(len(s["resources"]) for s in STATEMENTS)


def test_the_public_pages_show_the_statements(client, statements):
    listing = client.get("/quality/").content.decode()
    assert all(statement.title.replace("'", "&#x27;") in listing for statement in statements)
    detail = client.get("/quality/statements/identification/").content.decode()
    assert "What good looks like" in detail and "Embedded" in detail
    assert client.get("/quality/statements/no-such-statement/").status_code == 404


def test_administrators_edit_a_statement_in_the_cms(client, statements):
    client.force_login(MemberFactory(role=Role.ADMINISTRATOR))
    response = client.get(f"/cms/snippets/quality/qualitystatement/edit/{statements[0].pk}/")
    assert response.status_code == 200
    assert "Checklist" in response.content.decode()
