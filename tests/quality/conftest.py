import pytest

from accounts.models import User
from demo.quality_statements import demo_quality_statements_seed
from quality.models import Assessment, QualityStatement
from quality.services import assessment_start, invitation_accept, invitation_create
from tests.accounts.factories import MemberFactory


@pytest.fixture
def statements(db) -> list[QualityStatement]:
    return demo_quality_statements_seed()


@pytest.fixture
def owner(db) -> User:
    return MemberFactory(full_name="Olive Owner", email="olive@example.org")


@pytest.fixture
def assessment(statements, owner) -> Assessment:
    return assessment_start(
        member=owner,
        organisation="Hillside Academy",
        team_name="Pastoral team",
        sector="education",
        region="north_west",
    )


def join(assessment: Assessment, owner: User, member: User, role: str = "contributor") -> None:
    """Invite `member` and accept as them, reading the token from the email as a person would."""
    from django.core import mail
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        invitation_create(assessment=assessment, invited_by=owner, email=member.email, role=role)
    token = mail.outbox[-1].body.split("/quality/invitations/")[1].split("/")[0]
    invitation_accept(token=token, member=member)
