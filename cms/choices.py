from django.db import models

from accounts.choices import Region


class Stage(models.TextChoices):
    """The stages of a family's path through the criminal justice system,
    plus the knowledge and practice that frame them. Modules and resources
    are both tagged with these, so a module can point to its stage's resources."""

    FACTS = "facts", "Facts and figures"
    ARREST = "arrest", "Arrest"
    COURT = "court", "Court"
    PRISON = "prison", "Prison"
    RELEASE = "release", "Release"
    PRACTICE = "practice", "Developing practice"


# The family's journey, in order, as the course pathway shows it.
JOURNEY = [Stage.FACTS, Stage.ARREST, Stage.COURT, Stage.PRISON, Stage.RELEASE, Stage.PRACTICE]


class ResourceType(models.TextChoices):
    """What kind of thing a resource in the library is."""

    SERVICE = "service", "Service"
    INTERVENTION = "intervention", "Intervention"
    RESEARCH = "research", "Research"
    POLICY = "policy", "Policy"
    GUIDANCE = "guidance", "Guidance"
    TRAINING = "training", "Training"
    CHILDREN_AND_FAMILIES = "children_and_families", "For children and families"


# Where an organisation works or a resource applies: the whole country it
# serves, or one region. The regions are the members' own (accounts.Region),
# so a member's region can later pick out what is local to them.
NATIONAL = "national"
COVERAGE_CHOICES: list[tuple[str, str]] = [(NATIONAL, "National"), *Region.choices]


class Audience(models.TextChoices):
    """Who an organisation's services are for, as the directory filters them."""

    CHILDREN = "children", "Children"
    FAMILIES = "families", "Families"
    PROFESSIONALS = "professionals", "Professionals"


# Coverage values that are a nation of their own rather than an English region: a
# service that works only there is tagged with the nation's name in the directory.
NATIONS = frozenset({Region.SCOTLAND.value, Region.NORTHERN_IRELAND.value})
