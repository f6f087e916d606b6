"""Writes for CPD: a learner's entries from elsewhere, and their evaluations.

Each owns its transaction and raises CpdError with a message for the learner;
nothing is changed when it does."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.validators import validate_printable_text
from cpd.models import Evaluation, ExternalCpdEntry, OutcomeRating
from cpd.selectors import EvaluationTarget, external_entry_for_member

MAX_HOURS = Decimal("100")


class CpdError(Exception):
    """Input or an action that cannot be accepted; the message is shown to the learner."""


def external_entry_problems(*, title: str, done_on: date, hours: Decimal, today: date | None = None) -> dict[str, str]:
    """What is wrong with an entry from elsewhere, by field (empty when nothing is). A pure function."""
    problems: dict[str, str] = {}
    if not title.strip():
        problems["title"] = "Give the title of what you did."
    else:
        try:
            validate_printable_text(title)
        except ValidationError as error:
            problems["title"] = " ".join(error.messages)
    if done_on > (today or timezone.localdate()):
        problems["done_on"] = "The date is in the future: record CPD once you have done it."
    elif done_on.year < 1950:
        problems["done_on"] = "Check the year: that date is too long ago."
    if hours <= 0:
        problems["hours"] = "Give the hours as a number above 0, like 1.5."
    elif hours > MAX_HOURS:
        problems["hours"] = (
            f"One entry can be at most {MAX_HOURS:.0f} hours: record a longer course as several entries."
        )
    elif hours != hours.quantize(Decimal("0.1")):
        problems["hours"] = "Give the hours to one decimal place, like 1.5."
    return problems


def _checked(title: str, done_on: date, hours: Decimal, note: str) -> None:
    problems = external_entry_problems(title=title, done_on=done_on, hours=hours)
    if len(note) > 1000:
        problems["note"] = "Keep the note under 1,000 characters."
    if problems:
        raise CpdError(" ".join(problems.values()))


def external_entry_create(
    *, member: User, title: str, done_on: date, hours: Decimal, note: str = ""
) -> ExternalCpdEntry:
    """Record CPD done elsewhere. Raises CpdError for bad input."""
    title, note = title.strip(), note.strip()
    _checked(title, done_on, hours, note)
    return ExternalCpdEntry.objects.create(member=member, title=title, done_on=done_on, hours=hours, note=note)


def external_entry_update(
    *, member: User, entry_id: int, title: str, done_on: date, hours: Decimal, note: str = ""
) -> ExternalCpdEntry:
    """Change one of the member's own entries. Raises CpdError for bad input or another's entry."""
    title, note = title.strip(), note.strip()
    _checked(title, done_on, hours, note)
    with transaction.atomic():
        entry = external_entry_for_member(member=member, entry_id=entry_id)
        if entry is None:
            raise CpdError("That entry is not in your CPD record.")
        entry.title, entry.done_on, entry.hours, entry.note = title, done_on, hours, note
        entry.save(update_fields=["title", "done_on", "hours", "note"])
    return entry


def external_entry_delete(*, member: User, entry_id: int) -> None:
    """Delete one of the member's own entries. Raises CpdError for another's entry."""
    deleted, _ = ExternalCpdEntry.objects.filter(member=member, pk=entry_id).delete()
    if not deleted:
        raise CpdError("That entry is not in your CPD record.")


@dataclass(frozen=True)
class Confidence:
    before: int | None
    after: int | None


def _rating(value: int | None, what: str) -> int | None:
    if value is not None and not 1 <= value <= 5:
        raise CpdError(f"Choose {what} from 1 to 5, or leave it out.")
    return value


def evaluation_submit(
    *,
    member: User,
    target: EvaluationTarget,
    confidence: list[Confidence],
    usefulness: int | None,
    will_do_differently: str,
) -> tuple[Evaluation, bool]:
    """Save the member's evaluation of a course they completed or a workshop they attended
    (`target`, from cpd.selectors.evaluation_target, which checks that). Every answer is
    optional, but an evaluation with none is refused. A second submission replaces the first
    (one evaluation per learner and course or workshop). `confidence` is per outcome of the
    course, in order. Returns (evaluation, created). Raises CpdError."""
    outcomes = target.outcomes
    if len(confidence) > len(outcomes):
        raise CpdError("The course's learning outcomes have changed: reload the page and try again.")
    for answer in confidence:
        _rating(answer.before, "your confidence before")
        _rating(answer.after, "your confidence after")
    _rating(usefulness, "how useful it was")
    text = will_do_differently.strip()
    if len(text) > 2000:
        raise CpdError("Keep what you will do differently under 2,000 characters.")
    answered = [(position, answer) for position, answer in enumerate(confidence) if answer.before or answer.after]
    if not answered and usefulness is None and not text:
        raise CpdError("Answer at least one question, or leave the evaluation for now.")
    with transaction.atomic():
        evaluation, created = Evaluation.objects.select_for_update().get_or_create(
            member=member,
            course=target.course,
            workshop=target.workshop,
            defaults={"sector": member.sector, "region": member.region},
        )
        evaluation.usefulness = usefulness
        evaluation.will_do_differently = text
        evaluation.save(update_fields=["usefulness", "will_do_differently", "updated_at"])
        evaluation.ratings.all().delete()
        OutcomeRating.objects.bulk_create(
            OutcomeRating(
                evaluation=evaluation,
                position=position,
                outcome=outcomes[position][:500],
                before=answer.before,
                after=answer.after,
            )
            for position, answer in answered
        )
    return evaluation, created
