from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from audit.models import AuditEntry


def audit_entries(*, target_type: ContentType | None = None, target_id: str = "") -> QuerySet[AuditEntry]:
    """The trail, newest first; only one object's when a target is given. One query (with its actor)."""
    entries = AuditEntry.objects.select_related("target_type")
    if target_type is not None:
        entries = entries.filter(target_type=target_type, target_id=target_id)
    return entries
