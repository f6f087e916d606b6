"""Who reads which report: the service dashboard is for administrators and commissioners (aggregates
only); course reports, which name learners, are for the trainers who run the course and administrators."""

from typing import Any

from accounts.roles import is_administrator, is_commissioner, is_staff_member


def may_read_dashboard(user: Any) -> bool:
    return is_administrator(user) or is_commissioner(user)


def suppresses_small_counts(user: Any) -> bool:
    """Commissioners see counts under five as "fewer than 5"; administrators see them as they are."""
    return not is_administrator(user)


def may_read_course_reports(user: Any) -> bool:
    return is_staff_member(user)
