"""Every rule about workshops, bookings, the waiting list, reminders and
attendance, in one place.

Each write that can change who has a place locks the workshop row first
(`select_for_update`) and recounts confirmed bookings from the rows, never
from a stored counter; bookings are locked after it, always in that order.
Every email is an outbox row written in the same transaction
(`booking_email_queue`), so a rolled-back booking sends nothing and a
committed one is never forgotten; the worker renders and sends it. Beat
queues due reminders the same way, and the reminder's handler checks the
booking again at sending time.
"""

import time
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from accounts.models import User
from audit.models import AuditEntry
from audit.services import audit_record
from outbox.kinds import NothingToDo
from outbox.mail import email_send
from outbox.services import outbox_enqueue_many
from workshops.emails import (
    BOOKING_EMAIL_KIND,
    REMINDER_KIND,
    booking_email_entry,
    booking_email_queue,
    booking_message,
    trainer_message_queue,
)
from workshops.models import Attendance, Booking, Reminder, Session, Workshop
from workshops.rules import booking_refusal, capacity_refusal, state_change_refusal
from workshops.signals import AttendanceAchievement, attendance_recorded


class WorkshopError(Exception):
    """An action that cannot be done; the message is shown to the member or trainer as it is."""


# --- Helpers -----------------------------------------------------------------


def _workshop_locked(workshop_id: int) -> Workshop:
    """The workshop row, locked until the transaction ends (unless a control test switched the lock off)."""
    queryset = Workshop.objects.select_related("course")
    if settings.WORKSHOPS_BOOKING_LOCK:
        queryset = queryset.select_for_update(of=("self",))
    workshop = queryset.filter(pk=workshop_id).first()
    if workshop is None:
        raise WorkshopError("That workshop does not exist.")
    return workshop


def _test_pause() -> None:
    # Only the control test sets this: it widens the gap between counting and writing.
    if settings.WORKSHOPS_BOOKING_TEST_PAUSE_SECONDS:
        time.sleep(settings.WORKSHOPS_BOOKING_TEST_PAUSE_SECONDS)


def _sessions(workshop: Workshop) -> list[Session]:
    return list(Session.objects.filter(workshop=workshop).order_by("starts_at", "pk"))


def confirmed_count(workshop: Workshop) -> int:
    return Booking.objects.filter(workshop=workshop, status=Booking.Status.CONFIRMED).count()


def waitlist_position(booking: Booking) -> int:
    """1 for the first on the waiting list: first come, first served."""
    return (
        Booking.objects.filter(workshop_id=booking.workshop_id, status=Booking.Status.WAITLISTED)
        .filter(Q(created_at__lt=booking.created_at) | Q(created_at=booking.created_at, pk__lt=booking.pk))
        .count()
        + 1
    )


def _reminders_create(booking: Booking, sessions: list[Session], now: datetime) -> None:
    """A reminder row for each configured time that is still ahead; one sent already is never made again."""
    if not sessions:
        return
    first_start = sessions[0].starts_at
    rows = [
        Reminder(booking=booking, hours_before=hours, due_at=first_start - timedelta(hours=hours))
        for hours in settings.WORKSHOPS_REMINDER_HOURS
        if first_start - timedelta(hours=hours) > now
    ]
    Reminder.objects.bulk_create(rows, ignore_conflicts=True)


def _booking_member(booking: Booking, member: User) -> Booking:
    booking.member = member
    return booking


# --- Booking -----------------------------------------------------------------


@transaction.atomic
def booking_create(*, member: User, workshop_id: int, access_needs: str = "", dietary_needs: str = "") -> Booking:
    """Book a place: confirmed while confirmed bookings are below capacity,
    otherwise waitlisted. Queues the confirmation (with its invite) or the
    waiting-list email after commit.

    Raises WorkshopError (and changes nothing) for a draft, cancelled,
    started or past workshop, before booking opens or after it closes,
    for a member who already has a place or is on the waiting list, and
    for answers that are too long.
    """
    access_needs, dietary_needs = access_needs.strip(), dietary_needs.strip()
    if len(access_needs) > 1000 or len(dietary_needs) > 500:
        raise WorkshopError("Keep access needs under 1,000 characters and dietary needs under 500.")
    # Sessions are read before the lock: a booking does not change them, and the lock is held for less.
    sessions = list(Session.objects.filter(workshop_id=workshop_id).order_by("starts_at", "pk"))
    workshop = _workshop_locked(workshop_id)
    now = timezone.now()
    refusal = booking_refusal(workshop=workshop, sessions=sessions, now=now)
    if refusal:
        raise WorkshopError(refusal)
    confirmed, waitlisted = Booking.Status.CONFIRMED, Booking.Status.WAITLISTED
    counts = Booking.objects.filter(workshop=workshop, status__in=[confirmed, waitlisted]).aggregate(
        confirmed=Count("pk", filter=Q(status=confirmed)),
        waitlisted=Count("pk", filter=Q(status=waitlisted)),
        mine_confirmed=Count("pk", filter=Q(status=confirmed, member=member)),
        mine_waitlisted=Count("pk", filter=Q(status=waitlisted, member=member)),
    )
    if counts["mine_confirmed"]:
        raise WorkshopError("You already have a place on this workshop.")
    if counts["mine_waitlisted"]:
        existing = Booking.objects.get(member=member, workshop=workshop, status=waitlisted)
        raise WorkshopError(f"You are already on the waiting list (position {waitlist_position(existing)}).")

    has_room = counts["confirmed"] < workshop.capacity
    _test_pause()
    booking = Booking.objects.create(
        member=member,
        workshop=workshop,
        status=Booking.Status.CONFIRMED if has_room else Booking.Status.WAITLISTED,
        access_needs=access_needs,
        dietary_needs=dietary_needs,
        confirmed_at=now if has_room else None,
    )
    booking.workshop = workshop
    # Everyone already waiting joined before this booking (the lock orders them), so it is last.
    position = None if has_room else counts["waitlisted"] + 1
    if has_room:
        _reminders_create(booking, sessions, now)
    # Rendered by the worker: the next booking in line does not wait for templates and the invite.
    if has_room:
        booking_email_queue("confirmed", booking, invite_method="REQUEST")
    else:
        booking_email_queue("waitlisted", booking, position=position)
    return booking


def _own_booking(member: User, booking_id: int) -> Booking:
    """The member's own booking, locked with its workshop (workshop first, as everywhere)."""
    owner_and_workshop = Booking.objects.filter(pk=booking_id).values_list("member_id", "workshop_id").first()
    if owner_and_workshop is None or owner_and_workshop[0] != member.pk:
        raise WorkshopError("That booking does not exist or is not yours.")
    workshop = _workshop_locked(owner_and_workshop[1])
    booking = Booking.objects.select_for_update().get(pk=booking_id)
    booking.workshop = workshop
    return _booking_member(booking, member)


def _promote_waitlist(workshop: Workshop, sessions: list[Session], now: datetime) -> list[Booking]:
    """Give free places to the waiting list, first come first served, booked
    straight away. Call with the workshop row locked."""
    free = workshop.capacity - confirmed_count(workshop)
    if free <= 0 or workshop.state != Workshop.State.PUBLISHED or not sessions or sessions[0].starts_at <= now:
        return []
    promoted = list(
        Booking.objects.select_for_update()
        .select_related("member")
        .filter(workshop=workshop, status=Booking.Status.WAITLISTED)
        .order_by("created_at", "pk")[:free]
    )
    for booking in promoted:
        booking.status = Booking.Status.CONFIRMED
        booking.confirmed_at = booking.promoted_at = now
        booking.save(update_fields=["status", "confirmed_at", "promoted_at"])
        booking.workshop = workshop
        _reminders_create(booking, sessions, now)
        booking_email_queue("promoted", booking, invite_method="REQUEST")
    return promoted


@transaction.atomic
def booking_cancel(*, member: User, booking_id: int) -> Booking:
    """Cancel the member's own confirmed place before the cancellation
    deadline. The place goes at once to the first person on the waiting list.
    Queues a cancellation (METHOD CANCEL) for the member and a confirmation for
    whoever was promoted, in the same transaction.

    Raises WorkshopError for someone else's booking, one not confirmed, or after the deadline.
    """
    booking = _own_booking(member, booking_id)
    workshop = booking.workshop
    now = timezone.now()
    if booking.status != Booking.Status.CONFIRMED:
        raise WorkshopError("Only a confirmed place can be cancelled.")
    if now >= workshop.cancellation_deadline:
        raise WorkshopError(
            "The cancellation deadline for this workshop has passed. "
            "If you cannot come, please contact the trainers so they can plan."
        )
    sessions = _sessions(workshop)
    booking.status = Booking.Status.CANCELLED
    booking.cancelled_at = now
    booking.ics_sequence += 1
    booking.save(update_fields=["status", "cancelled_at", "ics_sequence"])
    Reminder.objects.filter(booking=booking, sent_at__isnull=True).delete()
    booking_email_queue("cancelled", booking, invite_method="CANCEL")
    _promote_waitlist(workshop, sessions, now)
    return booking


@transaction.atomic
def waitlist_leave(*, member: User, booking_id: int) -> Booking:
    """Take the member off the waiting list. Raises WorkshopError if the booking is not theirs or not waitlisted."""
    booking = _own_booking(member, booking_id)
    if booking.status != Booking.Status.WAITLISTED:
        raise WorkshopError("You are not on the waiting list for this workshop.")
    booking.status = Booking.Status.CANCELLED
    booking.cancelled_at = timezone.now()
    booking.save(update_fields=["status", "cancelled_at"])
    booking_email_queue("left_waitlist", booking)
    return booking


@transaction.atomic
def bookings_release_for_erasure(*, member: User) -> int:
    """Before a member's account is erased: give up their places and waiting-list
    entries by the rules of a cancellation (the waiting list moves up, first
    come first served, and whoever is promoted is told), without the
    cancellation deadline and without emailing the member. Returns how many."""
    active = [Booking.Status.CONFIRMED, Booking.Status.WAITLISTED]
    workshop_ids = sorted(
        set(Booking.objects.filter(member=member, status__in=active).values_list("workshop_id", flat=True))
    )
    now = timezone.now()
    released = 0
    for workshop_id in workshop_ids:  # in id order, as every other multi-workshop write
        workshop = _workshop_locked(workshop_id)
        bookings = list(Booking.objects.select_for_update().filter(member=member, workshop=workshop, status__in=active))
        Booking.objects.filter(pk__in=[b.pk for b in bookings]).update(
            status=Booking.Status.CANCELLED, cancelled_at=now
        )
        Reminder.objects.filter(booking__in=bookings, sent_at__isnull=True).delete()
        _promote_waitlist(workshop, _sessions(workshop), now)
        released += len(bookings)
    return released


def confirmations_missing_queue() -> int:
    """Reconciliation: a confirmed booking of a workshop still ahead whose
    confirmation was never queued gets it now. Returns how many."""
    from outbox.services import outbox_enqueue_missing

    now = timezone.now()
    bookings = (
        Booking.objects.filter(status=Booking.Status.CONFIRMED, workshop__state=Workshop.State.PUBLISHED)
        .filter(Exists(Session.objects.filter(workshop_id=OuterRef("workshop_id"), starts_at__gt=now)))
        .order_by("pk")
    )
    entries = dict(booking_email_entry("confirmed", booking, invite_method="REQUEST") for booking in bookings)
    return outbox_enqueue_missing(kind=BOOKING_EMAIL_KIND, entries=entries)


# --- Trainers ----------------------------------------------------------------


@transaction.atomic
def workshop_capacity_set(*, workshop_id: int, capacity: int) -> Workshop:
    """Change the number of places. Refused below the confirmed count; a
    rise gives the new places to the waiting list."""
    workshop = _workshop_locked(workshop_id)
    refusal = capacity_refusal(capacity=capacity, confirmed=confirmed_count(workshop))
    if refusal:
        raise WorkshopError(f"{refusal} Ask attendees to cancel first." if capacity >= 1 else refusal)
    workshop.capacity = capacity
    workshop.save(update_fields=["capacity"])
    _promote_waitlist(workshop, _sessions(workshop), timezone.now())
    return workshop


def schedule_snapshot(workshop: Workshop, sessions: list[Session]) -> dict[str, Any]:
    """What an invite says: session times and the place."""
    return {
        "sessions": {str(s.pk): [s.starts_at.isoformat(), s.ends_at.isoformat()] for s in sessions},
        "location": workshop.location_text,
    }


@transaction.atomic
def workshop_saved(*, workshop_id: int) -> int:
    """Called after a trainer saves a workshop (with its sessions) in the
    admin. When the sessions or the place changed since the invites went out,
    every confirmed attendee gets an updated invite (SEQUENCE raised) and
    unsent reminders follow the new start. Capacity raised: the waiting list
    moves up. Returns how many attendees were sent an update."""
    workshop = _workshop_locked(workshop_id)
    sessions = _sessions(workshop)
    now = timezone.now()
    snapshot = schedule_snapshot(workshop, sessions)
    previous: dict[str, Any] = workshop.schedule_snapshot or {}
    notified = 0
    if previous and previous != snapshot and workshop.state == Workshop.State.PUBLISHED:
        bookings = list(
            Booking.objects.select_for_update()
            .select_related("member")
            .filter(workshop=workshop, status=Booking.Status.CONFIRMED)
        )
        removed_ids = set(previous.get("sessions", {})) - set(snapshot["sessions"])
        removed = [
            Session(pk=int(pk), starts_at=datetime.fromisoformat(times[0]), ends_at=datetime.fromisoformat(times[1]))
            for pk, times in previous["sessions"].items()
            if pk in removed_ids
        ]
        for booking in bookings:
            booking.ics_sequence += 1
            booking.save(update_fields=["ics_sequence"])
            booking.workshop = workshop
            booking_email_queue("updated", booking, invite_method="REQUEST", removed_sessions=removed)
            Reminder.objects.filter(booking=booking, sent_at__isnull=True, skipped_at__isnull=True).delete()
            _reminders_create(booking, sessions, now)
            notified += 1
    Workshop.objects.filter(pk=workshop.pk).update(schedule_snapshot=snapshot)
    _promote_waitlist(workshop, sessions, now)
    return notified


class WorkshopFieldError(WorkshopError):
    """A save refused because of one field's value; `field` names it for the form."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass
class WorkshopSaved:
    workshop: Workshop
    notified: int  # attendees sent an updated invite


@transaction.atomic
def workshop_save(*, workshop: Workshop, trainers: Iterable[User], by: User) -> WorkshopSaved:
    """Save a workshop as a trainer or administrator edited it in the admin:
    its fields and its sessions (held in `workshop`'s cluster, unsaved) and
    its trainers. One transaction under the workshop's row lock: the capacity
    is checked against the confirmed bookings counted under that lock, so a
    booking cannot slip in between the check and the save. Whoever adds a
    workshop runs it. Then, as `workshop_saved`: updated invites when the
    sessions or the place changed, and the waiting list moves up into new places.

    Raises WorkshopFieldError (and saves nothing) for a capacity below the
    confirmed bookings, or a state the form may not set (cancelling goes
    through `workshop_cancel`, so everyone booked is told).
    """
    before: str = Workshop.State.DRAFT
    confirmed = 0
    if workshop.pk:
        current = _workshop_locked(workshop.pk)
        before, confirmed = current.state, confirmed_count(current)
        _test_pause()
    refusal = capacity_refusal(capacity=workshop.capacity, confirmed=confirmed)
    if refusal:
        raise WorkshopFieldError("capacity", refusal)
    refusal = state_change_refusal(before=before, after=workshop.state)
    if refusal:
        raise WorkshopFieldError("state", refusal)
    created = workshop.pk is None
    workshop.save()  # a ClusterableModel: saves the sessions with it
    chosen = {trainer.pk for trainer in trainers}
    if created:
        chosen.add(by.pk)
    workshop.trainers.set(chosen)
    return WorkshopSaved(workshop=workshop, notified=workshop_saved(workshop_id=workshop.pk))


@transaction.atomic
def workshop_cancel(*, workshop_id: int, reason: str = "", actor: User | None = None) -> int:
    """Cancel a workshop: every confirmed and waitlisted member is told, with
    METHOD CANCEL for those who had an invite. Returns how many were told.
    Writes an audit entry naming `actor` (the trainer), in the same transaction."""
    workshop = _workshop_locked(workshop_id)
    if workshop.state == Workshop.State.CANCELLED:
        raise WorkshopError("This workshop is already cancelled.")
    sessions = _sessions(workshop)
    now = timezone.now()
    if sessions and sessions[-1].ends_at <= now:
        raise WorkshopError("This workshop has already taken place, so it cannot be cancelled.")
    workshop.state = Workshop.State.CANCELLED
    workshop.save(update_fields=["state"])
    bookings = list(
        Booking.objects.select_for_update()
        .select_related("member")
        .filter(workshop=workshop, status__in=[Booking.Status.CONFIRMED, Booking.Status.WAITLISTED])
    )
    for booking in bookings:
        had_invite = booking.status == Booking.Status.CONFIRMED
        booking.status = Booking.Status.CANCELLED
        booking.cancelled_at = now
        booking.ics_sequence += 1 if had_invite else 0
        booking.save(update_fields=["status", "cancelled_at", "ics_sequence"])
        booking.workshop = workshop
        booking_email_queue(
            "workshop_cancelled", booking, invite_method="CANCEL" if had_invite else None, extra=reason.strip()[:500]
        )
    Reminder.objects.filter(booking__workshop=workshop, sent_at__isnull=True).delete()
    audit_record(
        actor=actor,
        action=AuditEntry.Action.WORKSHOP_CANCELLED,
        target=workshop,
        reason=reason.strip()[:500],
        changes={"bookings_cancelled": len(bookings)},
    )
    return len(bookings)


@transaction.atomic
def attendees_message_send(*, workshop_id: int, subject: str, body: str) -> int:
    """Email every confirmed attendee a trainer's message. Returns how many."""
    subject, body = subject.strip(), body.strip()
    if not subject or not body:
        raise WorkshopError("Write a subject and a message.")
    if len(subject) > 150 or len(body) > 5000 or "\n" in subject or "\r" in subject:
        raise WorkshopError("Keep the subject to one line under 150 characters and the message under 5,000.")
    workshop = _workshop_locked(workshop_id)
    bookings = list(Booking.objects.select_related("member").filter(workshop=workshop, status=Booking.Status.CONFIRMED))
    if not bookings:
        raise WorkshopError("Nobody has a confirmed place yet, so there is nobody to message.")
    sent_id = uuid.uuid4()
    for booking in bookings:
        trainer_message_queue(workshop, booking, subject=subject, body=body, sent_id=sent_id)
    return len(bookings)


@transaction.atomic
def register_record(*, workshop_id: int, session_id: int, marks: Mapping[int, bool], by: User) -> int:
    """Record a session's register (booking id: attended or not). A booking
    marked present at every session of the workshop becomes ATTENDED (the
    workshop is complete for them) and `attendance_recorded` is sent for
    those newly attended; absent at any session once every session
    is recorded makes it NO_SHOW. Returns how many became attended.
    `attendance_recorded` is sent inside the transaction, for its listeners to
    queue their side effects (certificates) in the outbox with it."""
    workshop = _workshop_locked(workshop_id)
    sessions = _sessions(workshop)
    session = next((s for s in sessions if s.pk == session_id), None)
    if session is None:
        raise WorkshopError("That session is not part of this workshop.")
    if workshop.state != Workshop.State.PUBLISHED:
        raise WorkshopError("Attendance can only be taken for a published workshop.")
    if session.starts_at > timezone.now() + timedelta(hours=1):
        raise WorkshopError("Attendance can be taken from an hour before the session starts.")
    registered = {
        b.pk: b
        for b in Booking.objects.select_for_update()
        .select_related("member")
        .filter(
            workshop=workshop,
            status__in=[Booking.Status.CONFIRMED, Booking.Status.ATTENDED, Booking.Status.NO_SHOW],
        )
    }
    unknown = set(marks) - set(registered)
    if unknown:
        raise WorkshopError("The register lists someone without a place on this workshop; reload it and try again.")
    for booking_id, attended in marks.items():
        Attendance.objects.update_or_create(
            booking_id=booking_id, session=session, defaults={"attended": attended, "recorded_by": by}
        )
    audit_record(
        actor=by,
        action=AuditEntry.Action.ATTENDANCE_MARKED,
        target=workshop,
        # Bookings by id: the trail names no attendee.
        changes={"session": session.pk, "attended": {str(key): value for key, value in sorted(marks.items())}},
    )
    session_ids = {s.pk for s in sessions}
    records: dict[int, dict[int, bool]] = {}
    for booking_id, record_session_id, attended in Attendance.objects.filter(
        booking_id__in=registered, session_id__in=session_ids
    ).values_list("booking_id", "session_id", "attended"):
        records.setdefault(booking_id, {})[record_session_id] = attended
    now = timezone.now()
    achievements: list[AttendanceAchievement] = []
    for booking_id, booking in registered.items():
        record = records.get(booking_id, {})
        if set(record) == session_ids and all(record.values()):
            status = Booking.Status.ATTENDED
        elif set(record) == session_ids:
            status = Booking.Status.NO_SHOW
        else:
            status = Booking.Status.CONFIRMED
        if status == booking.status:
            continue
        newly_attended = status == Booking.Status.ATTENDED
        booking.status = status
        booking.attended_at = now if newly_attended else None
        booking.save(update_fields=["status", "attended_at"])
        if newly_attended:
            achievements.append(
                AttendanceAchievement(
                    member_id=booking.member_id,
                    workshop_id=workshop.pk,
                    workshop_title=workshop.title,
                    course_title=workshop.course.title,
                    cpd_hours=workshop.cpd_hours,
                    attended_on=timezone.localdate(sessions[-1].starts_at),
                )
            )
    if achievements:
        attendance_recorded.send(sender=Workshop, attendances=achievements)
    return len(achievements)


@transaction.atomic
def access_needs_purge(*, now: datetime | None = None) -> int:
    """Delete access needs a set time after a workshop's last session. Returns how many were deleted."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.WORKSHOPS_ACCESS_NEEDS_KEEP_DAYS)
    finished = Workshop.objects.exclude(sessions__ends_at__gt=cutoff).filter(sessions__isnull=False)
    return (
        Booking.objects.filter(workshop__in=finished, access_needs_deleted_at__isnull=True)
        .exclude(access_needs="")
        .update(access_needs="", access_needs_deleted_at=now)
    )


# --- Reminders ---------------------------------------------------------------


def reminders_queue_due(*, now: datetime | None = None, batch: int | None = None) -> int:
    """Beat: hand every due reminder to the outbox (one item per reminder,
    keyed by its id, so queuing twice is harmless), a hundred to a broker message,
    each hundred sent over one SMTP connection. Returns how many it queued."""
    now = now or timezone.now()
    batch = batch or settings.WORKSHOPS_REMINDER_BATCH
    queued = 0
    while True:
        with transaction.atomic():
            ids = list(
                Reminder.objects.select_for_update(skip_locked=True)
                .filter(sent_at__isnull=True, skipped_at__isnull=True, queued_at__isnull=True, due_at__lte=now)
                .order_by("due_at", "pk")
                .values_list("pk", flat=True)[:batch]
            )
            if not ids:
                return queued
            outbox_enqueue_many(
                kind=REMINDER_KIND,
                entries={f"reminder:{reminder_id}": {"reminder_id": reminder_id} for reminder_id in ids},
            )
            Reminder.objects.filter(pk__in=ids).update(queued_at=now)
            queued += len(ids)


def reminder_send(*, reminder_id: int) -> None:
    """The outbox's handler for a reminder: send it, or skip it.

    One query locks the reminder and booking rows and re-reads the booking's
    status and the workshop's state; a cancellation (which locks the booking
    too) therefore either happens before, and nothing is sent, or waits for
    the send. Should the process die after the SMTP server accepted the
    message and before the commit, the outbox sends it again later: the one
    unavoidable duplicate. Raises NothingToDo when it skips.
    """
    skipped = ""
    with transaction.atomic():
        current = (
            Reminder.objects.select_for_update(of=("self", "booking"))
            .select_related("booking__workshop", "booking__member")
            .filter(pk=reminder_id, sent_at__isnull=True, skipped_at__isnull=True)
            .first()
        )
        if current is None:
            raise NothingToDo("The reminder was already sent or skipped, or its booking is gone.")
        sessions = _sessions(current.booking.workshop)
        now = timezone.now()
        if current.booking.status != Booking.Status.CONFIRMED:
            skipped = "The booking is no longer confirmed."
        elif current.booking.workshop.state != Workshop.State.PUBLISHED:
            skipped = "The workshop is no longer published."
        elif not sessions or sessions[0].starts_at <= now:
            skipped = "The workshop has started."
        if skipped:
            Reminder.objects.filter(pk=reminder_id).update(skipped_at=now)
        else:
            if settings.WORKSHOPS_REMINDER_TEST_PAUSE_SECONDS:
                time.sleep(settings.WORKSHOPS_REMINDER_TEST_PAUSE_SECONDS)  # only the worker-killed test sets it
            email_send(booking_message("reminder", current.booking, sessions, hours_before=current.hours_before))
            Reminder.objects.filter(pk=reminder_id).update(sent_at=timezone.now())
    if skipped:
        raise NothingToDo(skipped)
