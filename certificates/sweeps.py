"""Reconciliation: certificates that should exist and do not, found in the
database and queued through the outbox by the same keys as the normal path,
so a sweep queues nothing for work already queued, done or failed."""

import logging

from django.db.models import Exists, OuterRef

from certificates.models import Certificate
from certificates.services import COURSE_ISSUE_KIND, RENDER_KIND, WORKSHOP_ISSUE_KIND
from courses.api import completed_enrolments
from outbox.services import outbox_enqueue_missing
from workshops.models import Booking
from workshops.selectors import attendance_achievements

logger = logging.getLogger(__name__)


def _live_certificate(kind: str, achievement_field: str) -> Exists:
    return Exists(
        Certificate.objects.filter(
            member_id=OuterRef("member_id"), kind=kind, achievement_id=OuterRef(achievement_field)
        ).exclude(status=Certificate.Status.SUPERSEDED)
    )


def course_certificates_missing_queue() -> int:
    """Completed courses without a certificate."""
    enrolment_ids = (
        completed_enrolments()
        .exclude(_live_certificate(Certificate.Kind.COURSE, "course_id"))
        .values_list("pk", flat=True)
    )
    return outbox_enqueue_missing(
        kind=COURSE_ISSUE_KIND,
        entries={f"certificate-issue:course:{pk}": {"enrolment_id": pk} for pk in enrolment_ids},
    )


def attendance_certificates_missing_queue() -> int:
    """Recorded attendance (a booking marked attended at every session) without a certificate."""
    bookings = Booking.objects.filter(status=Booking.Status.ATTENDED).exclude(
        _live_certificate(Certificate.Kind.WORKSHOP, "workshop_id")
    )
    entries = {
        f"certificate-issue:workshop:{entry.workshop_id}:{entry.member_id}": {
            "member_id": entry.member_id,
            "workshop_id": entry.workshop_id,
            "workshop_title": entry.workshop_title,
            "course_title": entry.course_title,
            "cpd_hours": str(entry.cpd_hours),
            "attended_on": entry.attended_on.isoformat(),
        }
        for entry in attendance_achievements(bookings=bookings)
    }
    return outbox_enqueue_missing(kind=WORKSHOP_ISSUE_KIND, entries=entries)


def certificate_pdfs_missing_queue() -> int:
    """Valid certificates without a PDF."""
    ids = Certificate.objects.filter(status=Certificate.Status.VALID, pdf="").values_list("pk", flat=True)
    return outbox_enqueue_missing(
        kind=RENDER_KIND, entries={f"certificate-render:{pk}": {"certificate_id": pk} for pk in ids}
    )
