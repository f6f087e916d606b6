"""Signals for the apps built on `courses` (certificates listens to these).

`course_completed` is sent after the transaction that recorded a course's
completion commits, once per enrolment, with `enrolment_id`.
"""

from django.dispatch import Signal

course_completed = Signal()
