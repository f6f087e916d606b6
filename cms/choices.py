from django.db import models


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
