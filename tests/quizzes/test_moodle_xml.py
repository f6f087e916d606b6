"""Moodle XML parsing and writing (quizzes.formats.moodle_xml): pure functions, dense tables."""

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import fromstring

import pytest

from quizzes.formats.gift import parse_gift, write_gift
from quizzes.formats.moodle_xml import DTD_REFUSED, parse_moodle_xml, write_moodle_xml
from quizzes.formats.types import (
    DEFAULT_MARK,
    DEFAULT_PENALTY,
    ESSAY_DEFAULTS,
    EssayOptions,
    FormatError,
    NotRepresentableError,
    ParsedMatch,
    ParsedQuestion,
    QuestionKind,
    TextFormat,
)
from tests.quizzes.test_gift import FEATURES, answer, load_oracle, oracle_names, own_fixture_questions, true_false

OWN_XML = Path(__file__).resolve().parent / "fixtures" / "supporting_children.xml"


def quiz(*questions: str) -> bytes:
    """A Moodle XML file around the given <question> elements, one line each."""
    return ("<?xml version='1.0' encoding='UTF-8'?>\n<quiz>\n" + "\n".join(questions) + "\n</quiz>\n").encode()


def question_xml(type_name: str, body: str = "", *, text: str = "Which?") -> str:
    return f'<question type="{type_name}"><questiontext><text>{text}</text></questiontext>{body}</question>'


def multichoice(answers: str, *, extra: str = "") -> str:
    return question_xml("multichoice", extra + answers)


def answer_xml(text: str, fraction: str = "0", extra: str = "") -> str:
    return f'<answer fraction="{fraction}"><text>{text}</text>{extra}</answer>'


def pair_xml(left: str, right: str) -> str:
    return f"<subquestion><text>{left}</text><answer><text>{right}</text></answer></subquestion>"


TWO_ANSWERS = answer_xml("a", "100") + answer_xml("b")


def test_our_fixture_file_parses_with_nested_categories_and_every_type() -> None:
    questions = parse_moodle_xml(OWN_XML.read_bytes())

    supporting = ("Supporting children of prisoners",)
    visits = (*supporting, "Visits")
    talking = (*supporting, "Talking with children")
    assert questions == [
        ParsedQuestion(
            QuestionKind.DESCRIPTION,
            "<p>These questions check what you took from the module. There is no time limit.</p>",
            name="Welcome",
            stem_format=TextFormat.HTML,
            category=supporting,
            default_mark=Decimal(0),
            penalty=Decimal(0),
        ),
        ParsedQuestion(
            QuestionKind.NUMERICAL,
            "<p>About how many children a year in England and Wales see a parent imprisoned?</p>",
            name="How many children",
            stem_format=TextFormat.HTML,
            general_feedback="<p>Estimates vary from year to year; around 200,000 is often quoted.</p>",
            category=supporting,
            default_mark=Decimal(2),
            answers=(
                answer("200000", "1", "<p>Yes, about that many.</p>", tolerance="20000"),
                answer("200000", "0.5", "<p>In the right range.</p>", tolerance="100000"),
                answer("*", "0", "<p>It is far more than most people guess.</p>", tolerance="0"),
            ),
        ),
        ParsedQuestion(
            QuestionKind.SINGLE_CHOICE,
            "<p>A child's <strong>first prison visit</strong> usually goes best when they...</p>",
            name="Preparing for a visit",
            stem_format=TextFormat.HTML,
            general_feedback="<p>Prepare children honestly &amp; at their own pace.</p>",
            category=visits,
            answers=(
                answer(
                    "<p>are told nothing until they arrive</p>",
                    "0",
                    "<p>Surprises at the gate tend to frighten children.</p>",
                ),
                answer(
                    "<p>know beforehand what the visit will involve</p>", "1", "<p>Yes: preparation lowers anxiety.</p>"
                ),
                answer(
                    "<p>are promised their parent will be home soon</p>",
                    "-0.5",
                    "<p>A promise nobody can keep damages trust.</p>",
                ),
            ),
        ),
        ParsedQuestion(
            QuestionKind.TRUE_FALSE,
            "Children visiting a prison may be searched on arrival, as adults are.",
            name="Search on arrival",
            category=visits,
            penalty=Decimal(1),
            answers=true_false(
                True,
                feedback_on_true="Yes. Telling children beforehand makes it less frightening.",
                feedback_on_false="They may be; preparing them for it helps.",
            ),
        ),
        ParsedQuestion(
            QuestionKind.MULTIPLE_RESPONSE,
            "Which of these are common in children **after** a visit? Choose all that apply.",
            name="After the visit",
            stem_format=TextFormat.MARKDOWN,
            category=(*visits, "After the visit"),
            shuffle_answers=False,
            answers=(
                answer("Tiredness", "0.3333333"),
                answer("Sadness at parting", "0.3333333"),
                answer("Relief at having seen their parent", "0.3333334"),
                answer(
                    "Forgetting the visit by the next day", "-1", "Children usually remember visits for a long time."
                ),
            ),
        ),
        ParsedQuestion(
            QuestionKind.SHORT_ANSWER,
            "Name one adult at school a child might choose to confide in.",
            name="Who to tell",
            stem_format=TextFormat.PLAIN,
            category=talking,
            case_sensitive=True,
            penalty=Decimal("0.1"),
            answers=(
                # Moodle writes feedback in its auto-format under a plain-text stem: the feedback keeps its own.
                replace(
                    answer("Teacher", "1", "A trusted teacher is a common choice."), feedback_format=TextFormat.MOODLE
                ),
                answer("School nurse", "0.5"),
            ),
        ),
        ParsedQuestion(
            QuestionKind.MATCHING,
            "<p>Match each question a child might ask with an honest, age-appropriate answer.</p>",
            name="Honest answers",
            stem_format=TextFormat.HTML,
            general_feedback="<p>Short, true answers help most.</p>",
            category=talking,
            default_mark=Decimal(3),
            matches=(
                ParsedMatch("<p>Where is Dad?</p>", "He is in a place called prison for a while."),
                ParsedMatch("<p>Is it my fault?</p>", "No. Nothing you did caused this."),
                ParsedMatch("<p>Can I see him?</p>", "Yes, we can plan a visit together."),
                ParsedMatch("", "He will be home tomorrow."),
            ),
        ),
        ParsedQuestion(
            QuestionKind.ESSAY,
            "<p>In a few sentences, describe how you would explain a parent's sentence to a six-year-old.</p>",
            name="Reflection",
            stem_format=TextFormat.HTML,
            general_feedback="<p>Look for honesty, simple words and reassurance that the child is not to blame.</p>",
            category=("Reflection",),
            default_mark=Decimal(5),
            penalty=Decimal(0),
            essay=EssayOptions(response_field_lines=10),
        ),
    ]


@pytest.mark.parametrize(
    ("path", "category"),
    [
        ("$course$/top/Visits/First visit/Younger children", ("Visits", "First visit", "Younger children")),
        ("$system$/top/Visits", ("Visits",)),
        ("$cat$/top/Visits", ("Visits",)),
        ("top/Visits", ("Visits",)),
        ("Visits/First visit", ("Visits", "First visit")),
        ("$course$/top", ()),
        ("$course$/top/Before//after release", ("Before/after release",)),
        ("  $course$/top/Visits  ", ("Visits",)),
    ],
)
def test_category_pseudo_questions_set_the_path_of_the_questions_after_them(
    path: str, category: tuple[str, ...]
) -> None:
    data = quiz(
        multichoice(TWO_ANSWERS),
        f'<question type="category"><category><text>{path}</text></category></question>',
        multichoice(TWO_ANSWERS),
        multichoice(TWO_ANSWERS),
    )

    assert [question.category for question in parse_moodle_xml(data)] == [(), category, category]


@pytest.mark.parametrize(
    ("written", "text_format"),
    [
        ("html", TextFormat.HTML),
        ("moodle_auto_format", TextFormat.MOODLE),
        ("plain_text", TextFormat.PLAIN),
        ("markdown", TextFormat.MARKDOWN),
    ],
)
def test_text_formats_map_to_ours(written: str, text_format: TextFormat) -> None:
    data = quiz(f'<question type="essay"><questiontext format="{written}"><text>Why?</text></questiontext></question>')

    assert parse_moodle_xml(data)[0].stem_format is text_format


def test_missing_optional_elements_fall_back_to_moodles_defaults() -> None:
    data = quiz(
        '<question type="multichoice"><questiontext><text>Which?</text></questiontext>'
        "<answer><text>a</text></answer><answer fraction='100'><text>b</text></answer></question>",
        '<question type="shortanswer"><questiontext><text>Who?</text></questiontext>'
        "<answer fraction='100'><text>carer</text></answer></question>",
    )

    assert parse_moodle_xml(data) == [
        ParsedQuestion(QuestionKind.SINGLE_CHOICE, "Which?", answers=(answer("a"), answer("b", "1"))),
        ParsedQuestion(QuestionKind.SHORT_ANSWER, "Who?", answers=(answer("carer", "1"),)),
    ]


@pytest.mark.parametrize(
    ("written", "single"), [("true", True), ("1", True), ("false", False), ("0", False), (" FALSE ", False)]
)
def test_single_decides_between_single_choice_and_multiple_response(written: str, single: bool) -> None:
    question = parse_moodle_xml(quiz(multichoice(TWO_ANSWERS, extra=f"<single>{written}</single>")))[0]

    assert question.kind is (QuestionKind.SINGLE_CHOICE if single else QuestionKind.MULTIPLE_RESPONSE)
    assert question.single is single


def test_line_endings_inside_texts_become_newlines_and_edges_are_trimmed() -> None:
    data = quiz(question_xml("essay", text="\n   First line&#13;\nsecond line\t\n"))

    assert parse_moodle_xml(data)[0].stem == "First line\nsecond line"


# Malformed input

TF = "truefalse"
MALFORMED = [
    pytest.param(b"", 1, "malformed XML: no element found (column 1)", id="empty file"),
    pytest.param(
        b"<?xml version='1.0'?>\n<quiz>\n<question></quiz>",
        3,
        "malformed XML: mismatched tag (column 13)",
        id="mismatched tag",
    ),
    pytest.param(
        b"<quiz>\n\n<question type='essay'>\n<questiontext><text>a & b</text>",
        4,
        "malformed XML: not well-formed (invalid token) (column 24)",
        id="bare ampersand",
    ),
    pytest.param(b"<quiz>\n<question>\n", 3, "malformed XML: no element found (column 1)", id="truncated"),
    pytest.param(b"<quiz>\xff</quiz>", 1, "malformed XML: not well-formed (invalid token) (column 7)", id="not UTF-8"),
    pytest.param(b"<questions>\n</questions>", 1, "the root element is <questions>, not <quiz>", id="wrong root"),
    pytest.param(quiz("<category/>"), 3, "expected <question>, found <category>", id="stray element"),
    pytest.param(quiz(question_xml("cloze")), 3, "question type 'cloze' is not supported", id="unsupported type"),
    pytest.param(
        quiz('<question type="calculated"/>'), 3, "question type 'calculated' is not supported", id="calculated"
    ),
    pytest.param(quiz("<question/>"), 3, "question type '' is not supported", id="no type"),
    pytest.param(quiz('<question type="essay"/>'), 3, "the question has no text", id="no question text"),
    pytest.param(quiz(question_xml("essay", text="  ")), 3, "the question has no text", id="blank question text"),
    pytest.param(
        quiz(question_xml("essay", text="<p>a</p>")),
        3,
        "<text> contains elements; Moodle XML wraps HTML in CDATA",
        id="HTML outside CDATA",
    ),
    pytest.param(
        quiz('<question type="essay"><questiontext format="latex"><text>a</text></questiontext></question>'),
        3,
        "unknown text format 'latex'",
        id="unknown format",
    ),
    pytest.param(
        quiz(multichoice(answer_xml("a", "abc") + answer_xml("b"))),
        3,
        "the answer fraction 'abc' is not a number",
        id="fraction not a number",
    ),
    pytest.param(
        quiz(multichoice(answer_xml("a", "150") + answer_xml("b"))),
        3,
        "the answer fraction 150 is outside -100 to 100",
        id="fraction too high",
    ),
    pytest.param(
        quiz(multichoice(answer_xml("a", "100"))),
        3,
        "a multichoice question needs at least 2 answers, found 1",
        id="one choice",
    ),
    pytest.param(
        quiz(multichoice(answer_xml("a", "100") + answer_xml(" "))), 3, "an answer has no text", id="empty choice"
    ),
    pytest.param(
        quiz(multichoice(TWO_ANSWERS, extra="<single>maybe</single>")),
        3,
        "<single> is 'maybe'; expected true, false, 1 or 0",
        id="single not a flag",
    ),
    pytest.param(
        quiz(multichoice(TWO_ANSWERS, extra="<shuffleanswers>yes</shuffleanswers>")),
        3,
        "<shuffleanswers> is 'yes'; expected true, false, 1 or 0",
        id="shuffle not a flag",
    ),
    pytest.param(
        quiz(question_xml("shortanswer", answer_xml("a", "100") + "<usecase>sometimes</usecase>")),
        3,
        "<usecase> is 'sometimes'; expected true, false, 1 or 0",
        id="usecase not a flag",
    ),
    pytest.param(
        quiz(multichoice(TWO_ANSWERS, extra="<defaultgrade>one</defaultgrade>")),
        3,
        "<defaultgrade> 'one' is not a number",
        id="mark not a number",
    ),
    pytest.param(
        quiz(multichoice(TWO_ANSWERS, extra="<penalty>NaN</penalty>")),
        3,
        "<penalty> 'NaN' is not a number",
        id="penalty NaN",
    ),
    pytest.param(
        quiz(question_xml("shortanswer")),
        3,
        "a shortanswer question needs at least 1 answers, found 0",
        id="short answer without answers",
    ),
    pytest.param(
        quiz(question_xml("numerical")),
        3,
        "a numerical question needs at least 1 answer",
        id="numerical without answers",
    ),
    pytest.param(
        quiz(question_xml("numerical", answer_xml("about 5", "100"))),
        3,
        "the numerical answer 'about 5' is not a number",
        id="numerical answer not a number",
    ),
    pytest.param(
        quiz(question_xml("numerical", answer_xml("5", "100", "<tolerance>-1</tolerance>"))),
        3,
        "the tolerance -1 is negative",
        id="negative tolerance",
    ),
    pytest.param(
        quiz(question_xml("numerical", answer_xml("5", "100", "<tolerance>x</tolerance>"))),
        3,
        "<tolerance> 'x' is not a number",
        id="tolerance not a number",
    ),
    pytest.param(
        quiz(question_xml(TF, answer_xml("true", "100"))),
        3,
        "a truefalse question needs a 'true' and a 'false' answer, one at 100 and one at 0",
        id="true without false",
    ),
    pytest.param(
        quiz(question_xml(TF, answer_xml("true", "100") + answer_xml("false", "100"))),
        3,
        "a truefalse question needs a 'true' and a 'false' answer, one at 100 and one at 0",
        id="both true and false right",
    ),
    pytest.param(
        quiz(question_xml(TF, answer_xml("yes", "100") + answer_xml("no"))),
        3,
        "a truefalse question needs a 'true' and a 'false' answer, one at 100 and one at 0",
        id="yes and no",
    ),
    pytest.param(
        quiz(question_xml("matching", pair_xml("a", "1") + pair_xml("b", "2"))),
        3,
        "a matching question needs at least 3 pairs, found 2",
        id="two pairs",
    ),
    pytest.param(
        quiz(question_xml("matching", pair_xml("a", "1") + pair_xml("", "2") + pair_xml("", "3"))),
        3,
        "a matching question needs at least 2 pairs with a left side, found 1",
        id="one real pair",
    ),
    pytest.param(
        quiz(question_xml("matching", pair_xml("a", "") + pair_xml("b", "2") + pair_xml("c", "3"))),
        3,
        "a matching pair has no answer",
        id="pair without answer",
    ),
]


@pytest.mark.parametrize(("data", "line", "reason"), MALFORMED)
def test_malformed_files_raise_format_error_with_line_and_reason(data: bytes, line: int, reason: str) -> None:
    with pytest.raises(FormatError) as raised:
        parse_moodle_xml(data)

    assert (raised.value.line, raised.value.reason) == (line, reason)
    assert str(raised.value) == f"line {line}: {reason}"


def test_errors_name_the_line_of_the_offending_element() -> None:
    good = multichoice(TWO_ANSWERS)
    bad_answer = '<answer fraction="lots">\n<text>b</text>\n</answer>'
    data = quiz(
        good, "<!-- a comment -->", multichoice(f'<answer fraction="100"><text>a</text></answer>\n\n{bad_answer}')
    )

    with pytest.raises(FormatError) as raised:
        parse_moodle_xml(data)

    assert (raised.value.line, raised.value.reason) == (7, "the answer fraction 'lots' is not a number")


# Hostile input

_opened: list[str] | None = None


def _record_opens(event: str, args: tuple[Any, ...]) -> None:
    if _opened is not None and event == "open":
        _opened.append(str(args[0]))


# Audit hooks cannot be removed; this one only records inside files_opened().
sys.addaudithook(_record_opens)


@contextmanager
def files_opened() -> Iterator[list[str]]:
    """Every file this process opens (through Python) inside the block."""
    global _opened
    _opened = []
    try:
        yield _opened
    finally:
        _opened = None


BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + "".join(
        f' <!ENTITY lol{n} "{("&lol" + str(n - 1) + ";") * 10 if n > 1 else "&lol;" * 10}">\n' for n in range(1, 10)
    )
    + "]>\n<quiz><question type='essay'><questiontext><text>&lol9;</text></questiontext></question></quiz>"
)


@pytest.mark.parametrize(
    ("template", "line"),
    [
        pytest.param(BILLION_LAUGHS, 2, id="billion laughs"),
        pytest.param(
            '<!DOCTYPE x [<!ENTITY e SYSTEM "file://{secret}">]>\n<quiz>'
            + question_xml("essay", text="&e;")
            + "</quiz>",
            1,
            id="external entity",
        ),
        pytest.param(
            '<?xml version="1.0"?>\n\n<!DOCTYPE x [<!ENTITY % p SYSTEM "file://{secret}"> %p;]>\n<quiz/>',
            3,
            id="external parameter entity",
        ),
        pytest.param('<?xml version="1.0"?>\n<!DOCTYPE quiz SYSTEM "file://{secret}">\n<quiz/>', 2, id="external DTD"),
        pytest.param("<!DOCTYPE quiz>\n<quiz/>", 1, id="harmless DTD, refused all the same"),
        pytest.param('<!DOCTYPE quiz [<!ENTITY name "Grant">]>\n<quiz/>', 1, id="internal entity"),
    ],
)
def test_dtds_and_entities_are_refused_without_reading_any_file(template: str, line: int, tmp_path: Path) -> None:
    secret = tmp_path / "passwd"
    secret.write_text("root:x:0:0:secret-marker")
    data = template.replace("{secret}", str(secret)).encode()

    with files_opened() as opened, pytest.raises(FormatError) as raised:
        parse_moodle_xml(data)

    assert (raised.value.line, raised.value.reason) == (line, DTD_REFUSED)
    assert "secret-marker" not in str(raised.value)
    assert opened == []


def test_files_opened_would_see_the_file_being_read(tmp_path: Path) -> None:
    secret = tmp_path / "passwd"
    secret.write_text("root:x:0:0:secret-marker")

    with files_opened() as opened:
        secret.read_text()

    assert opened == [str(secret)]


def test_the_etc_passwd_example_is_refused() -> None:
    data = (
        b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<quiz>'
        + question_xml("essay", text="&e;").encode()
        + b"</quiz>"
    )

    with pytest.raises(
        FormatError, match="line 1: the file contains a DTD or entity declarations, which are not allowed"
    ):
        parse_moodle_xml(data)


# Writing and round trips


def test_our_fixture_file_round_trips_through_write_moodle_xml() -> None:
    questions = parse_moodle_xml(OWN_XML.read_bytes())

    assert parse_moodle_xml(write_moodle_xml(questions)) == questions


def test_write_moodle_xml_writes_categories_as_full_paths_when_they_change() -> None:
    questions = [
        ParsedQuestion(QuestionKind.ESSAY, "One"),
        ParsedQuestion(QuestionKind.ESSAY, "Two", category=("Visits",)),
        ParsedQuestion(QuestionKind.ESSAY, "Three", category=("Visits", "Before//after")),
        ParsedQuestion(QuestionKind.ESSAY, "Four", category=("Visits", "Before//after")),
    ]

    root = fromstring(write_moodle_xml(questions))  # noqa: S314 -- our own output, parsed to inspect it

    assert [
        (element.get("type"), element.findtext("category/text") or element.findtext("questiontext/text"))
        for element in root
    ] == [
        ("category", "$course$/top"),
        ("essay", "One"),
        ("category", "$course$/top/Visits"),
        ("essay", "Two"),
        ("category", "$course$/top/Visits/Before////after"),
        ("essay", "Three"),
        ("essay", "Four"),
    ]


def test_write_moodle_xml_writes_what_moodle_reads() -> None:
    question = ParsedQuestion(
        QuestionKind.MULTIPLE_RESPONSE,
        "<p>Which help?</p>",
        name="Help",
        stem_format=TextFormat.HTML,
        shuffle_answers=False,
        default_mark=Decimal(2),
        answers=(answer("<b>honesty</b> & care", "0.5", "Yes"), answer("secrecy", "-1")),
    )

    data = write_moodle_xml([question])

    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n<quiz>")
    element = fromstring(data)[1]  # noqa: S314 -- our own output, parsed to inspect it
    assert element.get("type") == "multichoice"
    assert element.findtext("name/text") == "Help"
    assert element.find("questiontext").get("format") == "html"  # type: ignore[union-attr]
    assert [element.findtext(tag) for tag in ("single", "shuffleanswers", "defaultgrade", "penalty")] == [
        "false",
        "false",
        "2",
        "0.3333333",
    ]
    assert [
        (a.get("fraction"), a.findtext("text"), a.findtext("feedback/text")) for a in element.findall("answer")
    ] == [
        ("50", "<b>honesty</b> & care", "Yes"),
        ("-100", "secrecy", ""),
    ]
    assert b"&lt;b&gt;honesty&lt;/b&gt; &amp; care" in data


def test_write_moodle_xml_refuses_characters_xml_cannot_hold() -> None:
    with pytest.raises(NotRepresentableError, match="control characters"):
        write_moodle_xml([ParsedQuestion(QuestionKind.ESSAY, "Bell \x07 here")])


@pytest.mark.parametrize(("text", "expected"), FEATURES)
def test_each_gift_feature_survives_moodle_xml(text: str, expected: ParsedQuestion) -> None:
    questions = parse_gift(text)

    assert parse_moodle_xml(write_moodle_xml(questions)) == questions


def test_our_gift_fixture_survives_moodle_xml() -> None:
    questions = own_fixture_questions()

    assert parse_moodle_xml(write_moodle_xml(questions)) == questions


@pytest.mark.parametrize("name", oracle_names())
def test_every_oracle_gift_fixture_survives_moodle_xml(name: str) -> None:
    text, _ = load_oracle(name)
    questions = parse_gift(text)

    assert parse_moodle_xml(write_moodle_xml(questions)) == questions


def test_our_xml_fixture_survives_gift_except_settings_gift_cannot_hold() -> None:
    questions = parse_moodle_xml(OWN_XML.read_bytes())

    through_gift = parse_gift(write_gift(questions))

    assert through_gift == [
        replace(
            question,
            shuffle_answers=True,
            case_sensitive=False,
            default_mark=DEFAULT_MARK,
            penalty=DEFAULT_PENALTY,
            essay=ESSAY_DEFAULTS,
        )
        for question in questions
    ]


def test_our_xml_fixture_survives_gift_then_xml_again() -> None:
    questions = parse_gift(write_gift(parse_moodle_xml(OWN_XML.read_bytes())))

    assert parse_moodle_xml(write_moodle_xml(questions)) == questions
