"""Demo members for the default run (`make run`) and the benchmarks."""

from typing import Any

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.db import transaction

from accounts.choices import Region, Role, Sector
from accounts.models import User
from accounts.roles import COMMISSIONERS_GROUP, is_commissioner
from accounts.services import member_set_role

DEMO_PASSWORD = "ihop-demo-2026"  # noqa: S105 - printed on start-up; seed_demo refuses to run in production

DEMO_LEARNER = "learner@example.org"
DEMO_TRAINER = "trainer@example.org"

DEMO_MEMBERS: list[dict[str, Any]] = [
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
    {
        # A learner who also reads the service dashboard (/reports/), as a local authority's
        # commissioner would: the group gives that and nothing else.
        "email": "commissioner@example.org",
        "full_name": "Morgan Commissioner",
        "role": Role.LEARNER,
        "groups": [COMMISSIONERS_GROUP],
        "organisation": "Northshire County Council",
        "job_role": "Commissioning manager, children's services",
        "sector": Sector.SOCIAL_CARE,
        "region": Region.EAST_MIDLANDS,
    },
]
# Colleagues who fill the demo's workshops and leave a quiz attempt to review (same password).
DEMO_COLLEAGUES: list[dict[str, Any]] = [
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
    addresses; returns those whose sign-ins are printed (DEMO_MEMBERS)."""
    members = []
    for spec in [*DEMO_MEMBERS, *DEMO_COLLEAGUES]:
        fields = {key: value for key, value in spec.items() if key not in {"email", "role", "groups"}}
        member, created = User.objects.get_or_create(email=spec["email"], defaults=fields)
        if created:
            member.set_password(DEMO_PASSWORD)
            member.save(update_fields=["password"])
            member_set_role(member=member, role=Role(spec["role"]))
            member.groups.add(*Group.objects.filter(name__in=spec.get("groups", [])))
        EmailAddress.objects.get_or_create(
            user=member, email=member.email, defaults={"verified": True, "primary": True}
        )
        members.append(member)
    return members[: len(DEMO_MEMBERS)]


def demo_sign_in_label(member: User) -> str:
    """What the start-up message calls a demo sign-in: its role, or "Commissioner"."""
    return "Commissioner" if is_commissioner(member) else str(member.role.label)
