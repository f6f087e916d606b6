"""Study time from a module's words and activities, and CPD hours from it."""

from decimal import Decimal

import pytest

from courses.study_time import WORDS_PER_MINUTE, cpd_hours_for, module_study_time, words_in


def test_words_are_counted_as_a_reader_sees_them():
    assert words_in("<p>Every <strong>child</strong> matters&nbsp;here.</p>") == 4
    assert words_in("65% of boys, £30,000 raised") == 5
    assert words_in("") == 0


def test_reading_time_rounds_up_and_activities_add_their_allowance():
    body = [
        {"type": "rich_text", "value": "<p>" + "word " * (WORDS_PER_MINUTE + 1) + "</p>"},
        {"type": "key_fact", "value": {"figure": "39%", "statement": "less likely", "source": "MoJ"}},
        {"type": "reflection", "value": {"prompt": "Think"}},
        {"type": "quiz", "value": {"quiz": 1, "required": True}},
    ]

    time = module_study_time(body)

    assert time.words == WORDS_PER_MINUTE + 1 + 4 + 1
    assert time.reading_minutes == 2
    assert (time.activities, time.activity_minutes) == (2, 3 + 5)
    assert time.total_minutes == 10


def test_an_empty_module_takes_no_time():
    assert module_study_time([]).total_minutes == 0


@pytest.mark.parametrize(
    ("minutes", "hours"),
    [([], "0.0"), ([5], "0.5"), ([20, 20], "0.5"), ([30, 20], "1.0"), ([44], "0.5"), ([45], "1.0"), ([75, 60], "2.5")],
)
def test_cpd_hours_are_the_total_to_the_nearest_half_hour(minutes, hours):
    assert cpd_hours_for(minutes) == Decimal(hours)
