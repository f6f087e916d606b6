from django.db import models


class Rating(models.IntegerChoices):
    """Where a service stands on a statement. Stored as a number so that
    "now against before" is a comparison of integers."""

    NOT_STARTED = 1, "Not started"
    DEVELOPING = 2, "Developing"
    ESTABLISHED = 3, "Established"
    EMBEDDED = 4, "Embedded"


class TeamRole(models.TextChoices):
    OWNER = "owner", "Owner"
    CONTRIBUTOR = "contributor", "Contributor"
    VIEWER = "viewer", "Viewer"


# What each role may do; views and services both ask these.
CAN_EDIT = {TeamRole.OWNER, TeamRole.CONTRIBUTOR}
CAN_MANAGE = {TeamRole.OWNER}


class AssessmentStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"


class ActionStatus(models.TextChoices):
    TO_DO = "to_do", "To do"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
