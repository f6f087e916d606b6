"""Scoring: pure functions over a question's answer key and a learner's response.

No database access: the attempt service loads everything once and asks these
for a fraction of the mark (0..1), or None when a trainer must mark it (essays).
"""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from quizzes.formats import QuestionKind

ZERO = Decimal(0)
ONE = Decimal(1)


@dataclass(frozen=True)
class Key:
    """One answer of a question's key (an Answer row, as scoring sees it)."""

    id: int
    text: str
    fraction: Decimal
    tolerance: Decimal | None = None


@dataclass(frozen=True)
class Pair:
    id: int
    left: str
    right: str


def _clamp(value: Decimal) -> Decimal:
    return max(ZERO, min(ONE, value))


def wildcard_matches(pattern: str, given: str, *, case_sensitive: bool) -> bool:
    """Moodle's short answer rule: `*` stands for any run of characters; the rest
    must match the whole (trimmed) response. Case-insensitive unless asked."""
    regex = ".*".join(re.escape(part) for part in pattern.strip().split("*"))
    flags = re.DOTALL if case_sensitive else re.DOTALL | re.IGNORECASE
    return re.fullmatch(regex, given.strip(), flags) is not None


def parse_number(text: str) -> Decimal | None:
    """A learner's number: spaces and thousands commas ignored ("200,000")."""
    cleaned = text.strip().replace(" ", "").replace(",", "")
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def score_choices(kind: QuestionKind, keys: Sequence[Key], chosen: set[int]) -> Decimal:
    """Single choice and true/false: the chosen answer's fraction (none: 0; a
    forged second choice: 0). Multiple response: the sum of the chosen answers'
    fractions, so wrong ticks take marks away, floored at 0 and capped at 1."""
    chosen_keys = [key for key in keys if key.id in chosen]
    if kind in (QuestionKind.SINGLE_CHOICE, QuestionKind.TRUE_FALSE):
        if len(chosen_keys) != 1:
            return ZERO
        return _clamp(chosen_keys[0].fraction)
    return _clamp(sum((key.fraction for key in chosen_keys), ZERO))


def score_matching(pairs: Sequence[Pair], given: Mapping[str, str]) -> Decimal:
    """Share of the (non-distractor) pairs matched rightly."""
    questions = [pair for pair in pairs if pair.left.strip()]
    if not questions:
        return ZERO
    right = sum(1 for pair in questions if given.get(str(pair.id), "").strip() == pair.right.strip())
    return Decimal(right) / Decimal(len(questions))


def short_answer_match(keys: Sequence[Key], given: str, *, case_sensitive: bool) -> Key | None:
    """The first answer, in the trainer's order, that the response matches."""
    if not given.strip():
        return None
    return next((key for key in keys if wildcard_matches(key.text, given, case_sensitive=case_sensitive)), None)


def numerical_match(keys: Sequence[Key], given: str) -> Key | None:
    """The first answer whose value ± tolerance contains the number ("*" takes
    any number); None for a response that is not a number."""
    value = parse_number(given)
    if value is None:
        return None
    for key in keys:
        if key.text.strip() == "*":
            return key
        target = parse_number(key.text)
        if target is not None and abs(value - target) <= abs(key.tolerance or ZERO):
            return key
    return None


def score_short_answer(keys: Sequence[Key], given: str, *, case_sensitive: bool) -> Decimal:
    match = short_answer_match(keys, given, case_sensitive=case_sensitive)
    return _clamp(match.fraction) if match else ZERO


def score_numerical(keys: Sequence[Key], given: str) -> Decimal:
    match = numerical_match(keys, given)
    return _clamp(match.fraction) if match else ZERO


def score(
    kind: QuestionKind,
    *,
    keys: Sequence[Key] = (),
    pairs: Sequence[Pair] = (),
    chosen: set[int] | None = None,
    text: str = "",
    matches: Mapping[str, str] | None = None,
    case_sensitive: bool = False,
) -> Decimal | None:
    """The fraction of the mark (0..1) a response earns, or None for an essay (a trainer marks it)."""
    if kind in (QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_RESPONSE, QuestionKind.TRUE_FALSE):
        return score_choices(kind, keys, chosen or set())
    if kind == QuestionKind.MATCHING:
        return score_matching(pairs, matches or {})
    if kind == QuestionKind.SHORT_ANSWER:
        return score_short_answer(keys, text, case_sensitive=case_sensitive)
    if kind == QuestionKind.NUMERICAL:
        return score_numerical(keys, text)
    if kind == QuestionKind.ESSAY:
        return None
    return ZERO  # a description has nothing to answer


def grade_across(method: str, percents: Sequence[Decimal]) -> Decimal | None:
    """A quiz grade from finished attempts' percentages, oldest first."""
    if not percents:
        return None
    if method == "highest":
        return max(percents)
    if method == "last":
        return percents[-1]
    if method == "first":
        return percents[0]
    if method == "average":
        return (sum(percents, ZERO) / len(percents)).quantize(Decimal("0.01"))
    raise ValueError(f"unknown grading method {method!r}")
