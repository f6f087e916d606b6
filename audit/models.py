from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone


class AuditEntry(models.Model):
    """A staff action that changed someone else's record: who, what, when, why. Written in
    the same transaction as the change. It names its target by type, id and label, not by
    a foreign key, so it outlives the target (an erased member keeps their erasure's row)."""

    class Action(models.TextChoices):
        CERTIFICATE_REVOKED = "certificate_revoked", "Certificate revoked"
        CERTIFICATE_REISSUED = "certificate_reissued", "Certificate reissued"
        ATTENDANCE_MARKED = "attendance_marked", "Attendance marked"
        ROLE_CHANGED = "role_changed", "Role changed"
        WORKSHOP_CANCELLED = "workshop_cancelled", "Workshop cancelled"
        MEMBER_ERASED = "member_erased", "Member erased"

    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Who it was, as shown when the row was written ("system" when no one: a task).
    actor_label = models.CharField(max_length=255)
    action = models.CharField(max_length=40, choices=Action.choices)
    target_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    target_id = models.CharField(max_length=64)
    target_label = models.CharField(max_length=255)
    reason = models.TextField(blank=True)
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = "audit entry"
        verbose_name_plural = "audit trail"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["target_type", "target_id"], name="audit_by_target")]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.target_label} by {self.actor_label}"
