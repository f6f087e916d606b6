"""Signals for the apps built on `courses` (certificates listens to these).

`course_completed` is sent inside the transaction that records a course's
completion, once per enrolment, with `enrolment_id`. Listeners only write
outbox rows (`outbox.services.outbox_enqueue`), so what they queue commits or
rolls back with the completion, and the worker does the work.
"""

from django.dispatch import Signal

course_completed = Signal()
