"""Demo members for the default run (`make run`) and the benchmarks."""

from allauth.account.models import EmailAddress
from django.db import transaction

from accounts.choices import Region, Role, Sector
from accounts.models import User
from accounts.services import member_set_role

DEMO_PASSWORD = "ihop-demo-2026"  # noqa: S105 - printed on start-up; seed_demo refuses to run in production

DEMO_MEMBERS = [
    {
        "email": "learner@example.org",
        "full_name": "Sam Learner",
        "role": Role.LEARNER,
        "organisation": "Riverside Primary School",
        "job_role": "Designated safeguarding lead",
        "sector": Sector.EDUCATION,
        "region": Region.NORTH_WEST,
    },
    {
        "email": "trainer@example.org",
        "full_name": "Alex Trainer",
        "role": Role.TRAINER,
        "organisation": "i-HOP",
        "job_role": "Trainer",
        "sector": Sector.VOLUNTARY,
        "region": Region.YORKSHIRE,
    },
    {
        "email": "admin@example.org",
        "full_name": "Jo Administrator",
        "role": Role.ADMINISTRATOR,
        "organisation": "i-HOP",
        "job_role": "Programme manager",
        "sector": Sector.VOLUNTARY,
        "region": Region.LONDON,
    },
]


@transaction.atomic
def demo_members_seed() -> list[User]:
    """Create (or leave as they are) the three demo members with verified addresses."""
    members = []
    for spec in DEMO_MEMBERS:
        fields = {key: value for key, value in spec.items() if key not in {"email", "role"}}
        member, created = User.objects.get_or_create(email=spec["email"], defaults=fields)
        if created:
            member.set_password(DEMO_PASSWORD)
            member.save(update_fields=["password"])
            member_set_role(member=member, role=Role(spec["role"]))
        EmailAddress.objects.get_or_create(
            user=member, email=member.email, defaults={"verified": True, "primary": True}
        )
        members.append(member)
    return members
