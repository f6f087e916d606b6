"""The rules about a workshop that the admin form, the public pages and the
services share, as pure functions: no queries, the caller passes what it read
(under the workshop's row lock when it is about to write)."""

from collections.abc import Sequence
from datetime import datetime

from django.utils import timezone

from workshops.models import Session, Workshop


def booking_refusal(*, workshop: Workshop, sessions: Sequence[Session], now: datetime) -> str | None:
    """Why the workshop cannot be booked at `now`, or None when it can."""
    if workshop.state == Workshop.State.DRAFT:
        return "This workshop is not open for booking yet."
    if workshop.state == Workshop.State.CANCELLED:
        return "This workshop has been cancelled, so it cannot be booked."
    if not sessions or sessions[0].starts_at <= now:
        return "This workshop has already started or taken place, so it cannot be booked."
    if now < workshop.booking_opens_at:
        local = timezone.localtime(workshop.booking_opens_at)
        return f"Booking opens on {local:%-d %B %Y at %H:%M}."
    if now >= workshop.booking_closes_at:
        return "Booking for this workshop has closed."
    return None


def workshop_is_bookable(*, workshop: Workshop, sessions: Sequence[Session], now: datetime) -> bool:
    return booking_refusal(workshop=workshop, sessions=sessions, now=now) is None


def capacity_refusal(*, capacity: int, confirmed: int) -> str | None:
    """Why a workshop with `confirmed` places taken cannot have `capacity` places, or None."""
    if capacity < 1:
        return "A workshop needs at least one place."
    if capacity < confirmed:
        return f"{confirmed} places are already confirmed, so capacity cannot go below {confirmed}."
    return None


def state_change_refusal(*, before: str, after: str) -> str | None:
    """Why the admin form may not move a workshop from state `before` to `after`, or None."""
    cancelled = Workshop.State.CANCELLED
    if after == cancelled and before != cancelled:
        return "Use “Cancel the workshop” on its bookings page, so everyone booked is told."
    if before == cancelled and after != cancelled:
        return "A cancelled workshop cannot be reopened; add a new one instead."
    return None
