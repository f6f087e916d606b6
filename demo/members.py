"""Demo members for the default run (`make run`) and the benchmarks."""

from allauth.account.models import EmailAddress
from django.db import transaction

from accounts.choices import Region, Role, Sector
from accounts.models import User
from accounts.services import member_set_role

DEMO_PASSWORD = "ihop-demo-2026"  # noqa: S105 - printed on start-up; seed_demo refuses to run in production

DEMO_LEARNER = "learner@example.org"
DEMO_TRAINER = "trainer@example.org"

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
# Colleagues who fill the demo's workshops and leave a quiz attempt to review (same password).
DEMO_COLLEAGUES = [
    {
        "email": "priya@example.org",
        "full_name": "Priya Shah",
        "role": Role.LEARNER,
        "organisation": "Riverside Health Centre",
        "job_role": "Health visitor",
        "sector": Sector.HEALTH,
        "region": Region.SOUTH_WEST,
    },
    {
        "email": "tom@example.org",
        "full_name": "Tom Evans",
        "role": Role.LEARNER,
        "organisation": "Hillside Academy",
        "job_role": "Head of year",
        "sector": Sector.EDUCATION,
        "region": Region.WEST_MIDLANDS,
    },
    {
        "email": "grace@example.org",
        "full_name": "Grace Okafor",
        "role": Role.LEARNER,
        "organisation": "Northgate children's services",
        "job_role": "Social worker",
        "sector": Sector.SOCIAL_CARE,
        "region": Region.SOUTH_WEST,
    },
]
DEMO_EMAILS = frozenset(spec["email"] for spec in [*DEMO_MEMBERS, *DEMO_COLLEAGUES])


def real_members_count() -> int:
    """Accounts that are not the demo's: the seed must not mix demo sign-ins with them."""
    return User.objects.exclude(email__in=DEMO_EMAILS).count()


@transaction.atomic
def demo_members_seed() -> list[User]:
    """Create (or leave as they are) the demo members and colleagues with verified
    addresses; returns the three whose sign-ins are printed."""
    members = []
    for spec in [*DEMO_MEMBERS, *DEMO_COLLEAGUES]:
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
    return members[: len(DEMO_MEMBERS)]
