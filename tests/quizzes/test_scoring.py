"""The pure scoring rules, type by type."""

from decimal import Decimal

import pytest

from quizzes.formats import QuestionKind
from quizzes.scoring import Key, Pair, grade_across, score, wildcard_matches

D = Decimal


def keys(*items: tuple[str, str] | tuple[str, str, str]) -> list[Key]:
    return [Key(i, item[0], D(item[1]), D(item[2]) if len(item) > 2 else None) for i, item in enumerate(items, 1)]


def test_single_choice_scores_the_chosen_answers_fraction_and_refuses_two():
    k = keys(("a", "1"), ("b", "0.5"), ("c", "0"))
    assert score(QuestionKind.SINGLE_CHOICE, keys=k, chosen={2}) == D("0.5")
    assert score(QuestionKind.SINGLE_CHOICE, keys=k, chosen={1}) == 1
    assert score(QuestionKind.SINGLE_CHOICE, keys=k, chosen={1, 2}) == 0  # a forged double answer earns nothing
    assert score(QuestionKind.SINGLE_CHOICE, keys=k, chosen=set()) == 0


def test_multiple_response_gives_partial_credit_and_floors_negative_marks_at_zero():
    k = keys(("a", "0.5"), ("b", "0.5"), ("c", "-1"), ("d", "-0.25"))
    assert score(QuestionKind.MULTIPLE_RESPONSE, keys=k, chosen={1}) == D("0.5")
    assert score(QuestionKind.MULTIPLE_RESPONSE, keys=k, chosen={1, 2}) == 1
    assert score(QuestionKind.MULTIPLE_RESPONSE, keys=k, chosen={1, 2, 4}) == D("0.75")
    assert score(QuestionKind.MULTIPLE_RESPONSE, keys=k, chosen={1, 3}) == 0
    assert score(QuestionKind.MULTIPLE_RESPONSE, keys=k, chosen={3, 4}) == 0


def test_true_false():
    k = keys(("true", "0"), ("false", "1"))
    assert score(QuestionKind.TRUE_FALSE, keys=k, chosen={2}) == 1
    assert score(QuestionKind.TRUE_FALSE, keys=k, chosen={1}) == 0


def test_matching_counts_pairs_and_ignores_distractors():
    pairs = [Pair(1, "Arrest", "Police"), Pair(2, "Court", "Judge"), Pair(3, "", "Plumber")]
    assert score(QuestionKind.MATCHING, pairs=pairs, matches={"1": "Police", "2": "Judge"}) == 1
    assert score(QuestionKind.MATCHING, pairs=pairs, matches={"1": "Police", "2": "Plumber"}) == D("0.5")
    assert score(QuestionKind.MATCHING, pairs=pairs, matches={}) == 0


@pytest.mark.parametrize(
    ("pattern", "given", "expected"),
    [
        ("Barnardo*", "barnardo's", True),
        ("Barnardo*", "  BARNARDOS ", True),
        ("Barnardo*", "Dr Barnardo", False),
        ("*prison*", "a parent in prison today", True),
        ("a.b", "axb", False),  # the dot is literal, only * is a wildcard
        ("200,000", "200,000", True),
    ],
)
def test_short_answer_wildcards_are_case_insensitive(pattern, given, expected):
    assert wildcard_matches(pattern, given, case_sensitive=False) is expected


def test_short_answer_takes_the_first_matching_answer_and_can_be_case_sensitive():
    k = keys(("Paris", "1"), ("*", "0.2"))
    assert score(QuestionKind.SHORT_ANSWER, keys=k, text="paris") == 1
    assert score(QuestionKind.SHORT_ANSWER, keys=k, text="London") == D("0.2")
    assert score(QuestionKind.SHORT_ANSWER, keys=k, text="   ") == 0
    assert score(QuestionKind.SHORT_ANSWER, keys=k, text="paris", case_sensitive=True) == D("0.2")


def test_numerical_tolerance_range_and_partial_answers():
    k = keys(("3", "1", "2"), ("10", "0.5", "0"))  # a GIFT range 1..5 is stored as 3 ± 2
    assert score(QuestionKind.NUMERICAL, keys=k, text="1") == 1
    assert score(QuestionKind.NUMERICAL, keys=k, text="5.0") == 1
    assert score(QuestionKind.NUMERICAL, keys=k, text="5.01") == 0
    assert score(QuestionKind.NUMERICAL, keys=k, text="10") == D("0.5")
    assert score(QuestionKind.NUMERICAL, keys=k, text="ten") == 0
    assert score(QuestionKind.NUMERICAL, keys=keys(("200000", "1")), text="200,000") == 1
    assert score(QuestionKind.NUMERICAL, keys=keys(("1", "1")), text="NaN") == 0


def test_essays_wait_for_a_trainer():
    assert score(QuestionKind.ESSAY, text="My essay") is None


@pytest.mark.parametrize(
    ("method", "expected"), [("highest", D(80)), ("last", D(60)), ("first", D(40)), ("average", D(60))]
)
def test_grade_across_attempts(method, expected):
    assert grade_across(method, [D(40), D(80), D(60)]) == expected
    assert grade_across(method, []) is None
