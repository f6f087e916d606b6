"""Writing the audit trail. `audit_record` is called by the service that makes the change,
inside its transaction, so the row exists exactly when the change does."""

from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from audit.models import AuditEntry

if TYPE_CHECKING:
    from accounts.models import User  # the type only: audit imports no app at run time

SYSTEM = "system"


def _label(user: "User | None") -> str:
    if user is None:
        return SYSTEM
    return str(user)[:255]


def audit_record(
    *,
    actor: "User | None",
    action: AuditEntry.Action,
    target: models.Model,
    reason: str = "",
    changes: dict[str, Any] | None = None,
    target_label: str = "",
) -> AuditEntry:
    """Record that `actor` (None for the system: a task, a command) did `action` to `target`,
    why, and what changed (JSON). Raises RuntimeError outside a transaction: an entry must
    commit or roll back with the change it describes."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_record runs inside the transaction of the change it records")
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.pk is not None else None,
        actor_label=_label(actor),
        action=action,
        target_type=ContentType.objects.get_for_model(target),
        target_id=str(target.pk),
        target_label=(target_label or str(target))[:255],
        reason=reason,
        changes=changes or {},
    )


def audit_forget(*, person: "User") -> int:
    """Replace a member's name in the trail (as actor and as target) by their id, before they
    are erased: the rows stay, nothing personal does. Returns how many rows changed."""
    label = f"Member #{person.pk} (erased)"
    user_type = ContentType.objects.get_for_model(person)
    changed = AuditEntry.objects.filter(target_type=user_type, target_id=str(person.pk)).update(target_label=label)
    changed += AuditEntry.objects.filter(actor_id=person.pk).update(actor_label=label)
    return changed
