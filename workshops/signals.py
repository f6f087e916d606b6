"""Signals for the apps built on `workshops` (certificates listens to these).

`attendance_recorded` is sent inside the transaction that records attendance
(listeners only write outbox rows in it), with `attendances`: a list of `AttendanceAchievement`, one per
attendee newly marked as attended (a whole register at once when a trainer
saves it). The data travels with the signal so listeners need not import
workshop models.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.dispatch import Signal


@dataclass(frozen=True)
class AttendanceAchievement:
    member_id: int
    workshop_id: int
    workshop_title: str
    course_title: str
    cpd_hours: Decimal
    attended_on: date


attendance_recorded = Signal()
