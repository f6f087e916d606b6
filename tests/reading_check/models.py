from django.conf import settings
from django.db import models


class ReadingConfirmation(models.Model):
    """A member's word that they have read what a reading-check block asks them to."""

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    module = models.ForeignKey("courses.ModulePage", on_delete=models.PROTECT, related_name="+")
    block_id = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "module", "block_id"], name="one_confirmation_per_check")
        ]

    def __str__(self) -> str:
        return f"{self.member_id} read {self.block_id}"
