"""The outbox: every side effect that must happen, as a row.

A row is written in the same transaction as the change that causes it, so a
rolled-back change leaves none and a committed one can never be forgotten,
whatever happens to the broker or the worker afterwards.
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone


class OutboxItem(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        CLAIMED = "claimed", "In progress"
        SENT = "sent", "Sent"
        SKIPPED = "skipped", "Nothing to do"
        FAILED = "failed", "Failed"

    # Which registered handler performs it (outbox.kinds), e.g. "workshops.booking_email".
    kind = models.CharField(max_length=64)
    # Says what the side effect is about ("booking:12:confirmed"): a second write with the same key is a no-op.
    key = models.CharField(max_length=255, unique=True)
    # Ids and small values the handler re-reads state from; attachments are built at send time.
    payload = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    tries = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "outbox item"
        indexes = [
            models.Index(
                fields=["next_attempt_at"], name="outbox_unsent_due", condition=Q(status__in=["pending", "claimed"])
            ),
            models.Index(fields=["status", "created_at"], name="outbox_status_created"),
        ]
        permissions = [("retry_outboxitem", "Can retry an outbox item")]

    def __str__(self) -> str:
        return f"{self.kind} {self.key} ({self.get_status_display()})"
