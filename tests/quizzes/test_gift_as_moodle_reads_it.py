"""GIFT and Moodle XML as Moodle itself reads and writes them (issue 20, item 6).

Our own fixtures, each written from Moodle's documentation of the formats and
the shapes its exporter gives a bank: per-part format tags, the numerical and
short-answer "any other answer", <pre> indentation, category descriptions and
essay options. Then a property-style round trip: every question of every
fixture, and a few hundred generated ones, come back the same through both
formats (GIFT keeping what GIFT can hold). Pure functions: no database.
"""

import random
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from quizzes.formats import (
    EssayOptions,
    FormatError,
    ParsedAnswer,
    ParsedCategory,
    ParsedMatch,
    ParsedQuestion,
    QuestionKind,
    ResponseFormat,
    TextFormat,
    parse_gift,
    parse_gift_file,
    parse_moodle_xml,
    parse_moodle_xml_file,
    write_gift,
    write_moodle_xml,
)
from quizzes.formats.types import DEFAULT_MARK, DEFAULT_PENALTY, ESSAY_DEFAULTS, MISSING_WORD_BLANK
from tests.quizzes.test_gift import FEATURES, load_oracle, oracle_names

FIXTURES = Path(__file__).resolve().parent / "fixtures"
OWN_GIFT = sorted(FIXTURES.glob("*.gift"))
OWN_XML = sorted(path for path in FIXTURES.glob("*.xml") if path.name != "unsupported_type.xml")

SINGLE = QuestionKind.SINGLE_CHOICE
MULTIPLE = QuestionKind.MULTIPLE_RESPONSE
TRUE_FALSE = QuestionKind.TRUE_FALSE
MATCHING = QuestionKind.MATCHING
SHORT = QuestionKind.SHORT_ANSWER
NUMERICAL = QuestionKind.NUMERICAL
ESSAY = QuestionKind.ESSAY
DESCRIPTION = QuestionKind.DESCRIPTION
HTML, MOODLE, PLAIN, MARKDOWN = TextFormat.HTML, TextFormat.MOODLE, TextFormat.PLAIN, TextFormat.MARKDOWN


def answer(
    text: str,
    fraction: str = "0",
    feedback: str = "",
    *,
    tolerance: str | None = None,
    text_format: TextFormat | None = None,
    feedback_format: TextFormat | None = None,
) -> ParsedAnswer:
    return ParsedAnswer(
        text,
        Decimal(fraction),
        feedback,
        None if tolerance is None else Decimal(tolerance),
        text_format=text_format,
        feedback_format=feedback_format,
    )


def read(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def as_gift_keeps_it(question: ParsedQuestion) -> ParsedQuestion:
    """What GIFT can hold of a question: it has no syntax for these settings,
    so Moodle's exporter leaves them out and its importer gives the defaults."""
    return replace(
        question,
        shuffle_answers=True,
        case_sensitive=False,
        default_mark=DEFAULT_MARK,
        penalty=DEFAULT_PENALTY,
        essay=ESSAY_DEFAULTS,
    )


# Moodle's exporter: per-part format tags, "=%100%x#", "~#feedback"

VISITS = ("Default for i-HOP", "Visits")
TALKING = ("Default for i-HOP", "Talking")


def test_what_moodles_gift_exporter_writes_imports_with_each_parts_own_format() -> None:
    parsed = parse_gift_file(read("moodle_export.gift"))

    assert parsed.categories == (ParsedCategory(VISITS), ParsedCategory(TALKING))
    assert list(parsed.questions) == [
        ParsedQuestion(
            SINGLE,
            "<p>Before a <b>first</b> prison visit, what helps a child most?</p>",
            name="Preparing a child",
            stem_format=HTML,
            general_feedback="Honest, simple preparation helps most.",
            general_feedback_format=MOODLE,
            category=VISITS,
            answers=(
                answer(
                    "<p>Knowing what will happen, step by step</p>",
                    "1",
                    "Yes: a child who knows the steps is less frightened.",
                    feedback_format=MOODLE,
                ),
                answer(
                    "Being told it is a day out",
                    "0",
                    "<p>A surprise at the gate tends to <em>frighten</em> children.</p>",
                    text_format=PLAIN,
                ),
                answer(
                    "Hearing *nothing* until the day",
                    "0",
                    "Silence leaves a child to imagine worse.",
                    text_format=MARKDOWN,
                    feedback_format=PLAIN,
                ),
            ),
        ),
        ParsedQuestion(
            TRUE_FALSE,
            "<p>Children may be searched when they visit.</p>",
            name="Searches",
            stem_format=HTML,
            category=VISITS,
            answers=(
                # The first feedback is for a wrong answer (false), the second for the right one.
                answer("true", "1", "<p>Yes. Telling them beforehand makes it less frightening.</p>"),
                answer("false", "0", "They may be: preparing them helps.", feedback_format=PLAIN),
            ),
        ),
        ParsedQuestion(
            SHORT,
            "Who arranges a social visit to a prison?",
            name="Who to ask",
            category=VISITS,
            answers=(
                answer(
                    "The prisoner", "1", "<p>Yes: the prisoner sends a <i>visiting order</i>.</p>", feedback_format=HTML
                ),
                answer("The family", "0.5", "Partly: the family books it once the order exists."),
                answer("*", "0", "Not quite: it starts with the prisoner."),
            ),
        ),
        ParsedQuestion(
            NUMERICAL,
            "<p>How many hours does a typical family visit last?</p>",
            name="Visit length",
            stem_format=HTML,
            category=VISITS,
            answers=(
                answer("2", "1", tolerance="0"),
                answer("2", "0.5", "Close: most visits last about two hours.", tolerance="1", feedback_format=PLAIN),
                answer("*", "0", "<p>Most visits last about <b>two</b> hours.</p>", tolerance="0"),
            ),
        ),
        ParsedQuestion(
            MATCHING,
            "<p>Match each question a child might ask with an honest answer.</p>",
            name="Honest answers",
            stem_format=HTML,
            general_feedback="Short, true answers help most.",
            general_feedback_format=PLAIN,
            category=TALKING,
            matches=(
                ParsedMatch("<p>Where is Dad?</p>", "He is in prison for a while."),
                ParsedMatch("Is it my fault?", "No, nothing you did caused this.", question_format=MOODLE),
                ParsedMatch("Can I see him?", "Yes, we can plan a visit.", question_format=PLAIN),
                ParsedMatch("", "He will be home tomorrow."),
            ),
        ),
        ParsedQuestion(
            ESSAY,
            "<p>How would you explain a sentence to a six-year-old?</p>",
            name="Reflection",
            stem_format=HTML,
            general_feedback="Look for honesty and simple words.",
            general_feedback_format=MOODLE,
            category=TALKING,
        ),
        ParsedQuestion(
            DESCRIPTION,
            "These questions are about **visits** and talking with children.",
            name="Intro",
            stem_format=MARKDOWN,
            category=TALKING,
        ),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "[html]Q {=[html]<b>a</b>#[html]<i>yes</i> ~b}",
            (answer("<b>a</b>", "1", "<i>yes</i>"), answer("b")),
            id="a tag that repeats the question's format is the question's",
        ),
        pytest.param(
            "Q {~%-100%[plain]a <b> ~%100%[html]<b>b</b>#[markdown]*yes*}",
            (
                answer("a <b>", "-1", text_format=PLAIN),
                answer("<b>b</b>", "1", "*yes*", text_format=HTML, feedback_format=MARKDOWN),
            ),
            id="a tag after a weight",
        ),
        pytest.param(
            "Q {=[html]Paris#[plain]Yes ~[html]#[html]x}",
            None,
            id="a tagged answer with no text is still no answer",
        ),
        pytest.param(
            "Q {=[html]Paris =[plain]paris}",
            (answer("Paris", "1"), answer("paris", "1")),
            id="short answers are matched, not shown: their tags are read and dropped, as in Moodle",
        ),
        pytest.param(
            "Q {#=[html]2:1#[html]<b>yes</b>}",
            (answer("2", "1", "<b>yes</b>", tolerance="1", feedback_format=HTML),),
            id="a number's tag is dropped, its feedback's kept",
        ),
        pytest.param(
            "Q {=a#[html] ~b}",
            (answer("a", "1"), answer("b")),
            id="an empty feedback has no format of its own",
        ),
    ],
)
def test_format_tags_on_parts(text: str, expected: tuple[ParsedAnswer, ...] | None) -> None:
    if expected is None:
        with pytest.raises(FormatError, match="answer 2 has no text"):
            parse_gift(text)
        return
    assert parse_gift(text)[0].answers == expected


# Numerical: a tolerance and the catch-all in one brace


def test_numerical_answers_with_a_tolerance_and_any_other_number_in_one_brace() -> None:
    questions = parse_gift(read("numerical_catch_all.gift"))

    assert [(question.name, question.stem, question.answers) for question in questions] == [
        (
            "Range",
            "What is a number from 1 to 5?",
            (answer("3", "1", tolerance="2"), answer("*", "0", "Completely wrong", tolerance="0")),
        ),
        (
            "Children a year",
            "About how many children a year in England and Wales see a parent imprisoned?",
            (
                answer("200000", "1", tolerance="20000"),
                answer("*", "0", "It is far more than most people guess.", tolerance="0"),
            ),
        ),
        (
            "Weights",
            "How many hours is a typical visit?",
            (
                answer("2", "1", "Yes.", tolerance="0"),
                answer("2", "0.5", "Close.", tolerance="1"),
                answer("*", "0", "Most visits last about two hours.", tolerance="0"),
            ),
        ),
        (
            "Bare catch-all",
            "How many visits a month does a typical prison allow?",
            (answer("2", "1", tolerance="0"), answer("*", "0", tolerance="0")),
        ),
        (
            "Range before",
            f"A visit lasts about {MISSING_WORD_BLANK} hours.",
            (
                answer("2", "1", tolerance="1"),
                answer("*", "0", "<p>About <b>two</b> hours.</p>", tolerance="0", feedback_format=HTML),
            ),
        ),
    ]
    assert questions[2].general_feedback == "Visit lengths vary from prison to prison."
    assert {question.kind for question in questions} == {NUMERICAL}


def test_write_gift_writes_any_other_number_as_moodles_exporter_does_and_reads_it_back() -> None:
    question = parse_gift(read("numerical_catch_all.gift"))[0]

    written = write_gift([question])

    assert written == "::Range::What is a number from 1 to 5? {\n\t#\n\t=3:2\n\t~#Completely wrong\n}\n\n"
    assert parse_gift(written) == [question]


@pytest.mark.parametrize(
    "answers",
    [
        pytest.param((answer("*", "0", "Any", tolerance="0"),), id="the only answer"),
        pytest.param((answer("*", "0", "First", tolerance="0"), answer("2", "1", tolerance="0")), id="not the last"),
        pytest.param((answer("2", "1", tolerance="0"), answer("*", "0.5", "Half", tolerance="0")), id="with marks"),
    ],
)
def test_any_other_number_that_tilde_cannot_say_is_written_with_equals(answers: tuple[ParsedAnswer, ...]) -> None:
    question = ParsedQuestion(NUMERICAL, "How many?", answers=answers)

    written = write_gift([question])

    assert "~" not in written
    assert parse_gift(written) == [question]


# Short answers: the wildcard catch-all


def test_short_answers_with_moodles_catch_all_keep_its_feedback() -> None:
    questions = parse_gift(read("short_answer_catch_all.gift"))

    assert [question.answers for question in questions] == [
        (
            answer("grandparent", "1", "Yes: grandmothers most often."),
            answer("aunt", "0.5", "Sometimes: other family members do too."),
            answer("*", "0", "Not quite: grandparents take on care more often than anyone else."),
        ),
        (answer("father", "1"), answer("partner", "1"), answer("*", "0", "Think of the other parent.")),
    ]
    assert {question.kind for question in questions} == {SHORT}


# <pre>


def test_indentation_inside_pre_is_kept_and_elsewhere_dropped() -> None:
    plan, code = parse_gift(read("pre_indentation.gift"))

    assert plan.stem == (
        "<p>Read this plan for a child's first visit.</p>\n"
        "<p>Which step is missing?</p>\n"
        "<pre>\n"
        "Before the day:\n"
        "    tell the child where their parent is\n"
        "    explain the search at the gate\n"
        "On the day:\n"
        "        arrive early\n"
        "</pre>"
    )
    assert code.stem == "<pre>  two spaces\n\ta tab</pre><p>and after it</p>\nindented again"
    assert code.kind is ESSAY


@pytest.mark.parametrize("written", ["<PRE class='code'>", "<pre\n>"])
def test_pre_is_recognised_whatever_its_case_and_attributes(written: str) -> None:
    opening = written.replace("\n", " ")
    question = parse_gift(f"[html]{opening}\n   one\n  two</pre>{{}}")[0]

    assert question.stem == f"{opening}\n   one\n  two</pre>"


def test_pre_indentation_survives_both_writers() -> None:
    questions = parse_gift(read("pre_indentation.gift"))

    assert parse_gift(write_gift(questions)) == questions
    assert parse_moodle_xml(write_moodle_xml(questions)) == questions


# Moodle XML: category descriptions and essay options


def test_moodle_xml_keeps_category_descriptions_and_essay_options() -> None:
    parsed = parse_moodle_xml_file((FIXTURES / "categories_and_essays.xml").read_bytes())

    top = ("Default for i-HOP",)
    assert parsed.categories == (
        ParsedCategory(top, "<p>The default category for questions shared in the i-HOP course.</p>", HTML),
        ParsedCategory((*top, "Reflection"), "Open questions a trainer marks by hand.", MOODLE),
        ParsedCategory((*top, "Visits"), "Prison visits: before, during and after.", PLAIN),
        ParsedCategory((*top, "Still to write"), "Questions on release, to come.", MOODLE),
    )
    explain, plan, prepare, honest, searches = parsed.questions
    assert explain == ParsedQuestion(
        ESSAY,
        "<p>How would you explain a parent's sentence to a six-year-old?</p>",
        name="Explaining a sentence",
        stem_format=HTML,
        general_feedback="Look for honesty, simple words and reassurance.",
        general_feedback_format=MOODLE,
        category=(*top, "Reflection"),
        default_mark=Decimal(5),
        penalty=Decimal(0),
        essay=EssayOptions(
            response_format=ResponseFormat.PLAIN,
            response_required=False,
            response_field_lines=10,
            min_word_limit=50,
            max_word_limit=300,
            attachments=-1,
            attachments_required=1,
            grader_info="<p>Full marks for <b>honest</b>, age-appropriate words.</p>",
            grader_info_format=HTML,
            response_template="I would say:",
            response_template_format=PLAIN,
        ),
    )
    assert plan.essay == EssayOptions(
        response_format=ResponseFormat.MONOSPACED,
        response_field_lines=5,
        attachments=2,
        grader_info="Any plan that gives the child time to talk.",
        grader_info_format=MOODLE,
    )
    assert prepare.general_feedback_format is MARKDOWN
    assert prepare.answers == (
        answer(
            "<p>Knowing what will happen, step by step</p>",
            "1",
            "Yes: a child who knows the steps is less frightened.",
            feedback_format=MOODLE,
        ),
        answer(
            "Being told it is a day out",
            "0",
            "<p>A surprise at the gate tends to frighten children.</p>",
            text_format=PLAIN,
        ),
    )
    assert [pair.question_format for pair in honest.matches] == [None, PLAIN, MOODLE]
    assert [(item.text, item.feedback_format) for item in searches.answers] == [("true", None), ("false", PLAIN)]


def test_moodle_xml_round_trips_categories_with_their_descriptions_even_without_questions() -> None:
    parsed = parse_moodle_xml_file((FIXTURES / "categories_and_essays.xml").read_bytes())

    again = parse_moodle_xml_file(write_moodle_xml(parsed.questions, parsed.categories))

    assert again.questions == parsed.questions
    assert set(again.categories) == set(parsed.categories)


def test_gift_writes_empty_categories_as_category_lines_and_no_descriptions() -> None:
    parsed = parse_moodle_xml_file((FIXTURES / "categories_and_essays.xml").read_bytes())

    again = parse_gift_file(write_gift(parsed.questions, parsed.categories))

    assert again.questions == tuple(as_gift_keeps_it(question) for question in parsed.questions)
    # Every category comes back, those without questions too, but undescribed.
    assert {category.path for category in again.categories} == {category.path for category in parsed.categories}
    assert {category.info for category in again.categories} == {""}


@pytest.mark.parametrize(
    ("element", "reason"),
    [
        ("<responseformat>wysiwyg</responseformat>", "<responseformat> is 'wysiwyg'; expected editor, "),
        ("<responsefieldlines>0</responsefieldlines>", "<responsefieldlines> is 0; the least it can be is 1"),
        ("<attachments>-2</attachments>", "<attachments> is -2; the least it can be is -1"),
        ("<attachments>two</attachments>", "<attachments> 'two' is not a whole number"),
        ("<minwordlimit>1.5</minwordlimit>", "<minwordlimit> '1.5' is not a whole number"),
        ("<responserequired>yes</responserequired>", "<responserequired> is 'yes'; expected true, false, 1 or 0"),
        ('<graderinfo format="rtf"><text>x</text></graderinfo>', "unknown text format 'rtf'"),
    ],
)
def test_malformed_essay_options_are_refused_with_their_line(element: str, reason: str) -> None:
    data = (
        "<quiz>\n<question type='essay'>\n<questiontext><text>Why?</text></questiontext>\n"
        + element
        + "\n</question>\n</quiz>"
    ).encode()

    with pytest.raises(FormatError) as raised:
        parse_moodle_xml(data)

    assert raised.value.line == 4
    assert raised.value.reason.startswith(reason)


def test_a_question_type_the_bank_does_not_have_is_refused_with_its_line() -> None:
    with pytest.raises(FormatError) as raised:
        parse_moodle_xml((FIXTURES / "unsupported_type.xml").read_bytes())

    assert (raised.value.line, raised.value.reason) == (27, "question type 'cloze' is not supported")


# Round trip, property-style: every question, both formats


def fixture_questions() -> list[ParsedQuestion]:
    questions = [question for path in OWN_GIFT for question in parse_gift(path.read_text(encoding="utf-8"))]
    questions += [question for path in OWN_XML for question in parse_moodle_xml(path.read_bytes())]
    return questions


@pytest.mark.parametrize(
    "question",
    [
        pytest.param(question, id=f"{question.kind}: {question.name or question.stem[:30]}")
        for question in fixture_questions()
    ]
    + [pytest.param(expected, id=f"feature: {values.id}") for values in FEATURES for expected in [values.values[1]]],
)
def test_every_fixture_question_round_trips_through_both_formats(question: ParsedQuestion) -> None:
    assert parse_moodle_xml(write_moodle_xml([question])) == [question]
    assert parse_gift(write_gift([question])) == [as_gift_keeps_it(question)]
    # And across: GIFT to XML and back to GIFT loses nothing more.
    assert parse_gift(write_gift(parse_moodle_xml(write_moodle_xml([question])))) == [as_gift_keeps_it(question)]


@pytest.mark.parametrize("name", oracle_names())
def test_every_third_party_gift_file_round_trips_through_both_formats(name: str) -> None:
    text, _ = load_oracle(name)
    questions = parse_gift(text)

    assert parse_moodle_xml(write_moodle_xml(questions)) == questions
    assert parse_gift(write_gift(parse_moodle_xml(write_moodle_xml(questions)))) == questions


# Generated questions: random kinds, formats on every part, awkward texts.

TEXTS = [
    "Honesty helps",
    "a ~ b = c # d { e } f : g \\ h",
    "<p>Two\nlines</p>",
    "<pre>\n  indented\n\tand tabbed\n</pre>",
    "[html] looks like a tag",
    "%50% looks like a weight",
    "// looks like a comment",
    "*stars* and _under_",
    "caf\u00e9 \u2013 \u201cquoted\u201d",
    "ends with a backslash \\",
]
FORMATS: list[TextFormat | None] = [None, HTML, MOODLE, PLAIN, MARKDOWN]
FRACTIONS = [Decimal(1), Decimal("0.5"), Decimal("0.3333333"), Decimal(0), Decimal("-0.5"), Decimal(-1)]
SEEDS = range(300)


def generated_question(rng: random.Random) -> ParsedQuestion:
    def text() -> str:
        return rng.choice(TEXTS)

    def fmt() -> TextFormat | None:
        return rng.choice(FORMATS)

    def feedback() -> tuple[str, TextFormat | None]:
        said = rng.choice(["", text()])
        return said, (fmt() if said else None)

    stem_format = rng.choice(list(TextFormat))

    def own(part: TextFormat | None, said: str) -> TextFormat | None:
        return None if part is stem_format or not said else part

    kind = rng.choice(list(QuestionKind))
    answers: tuple[ParsedAnswer, ...] = ()
    matches: tuple[ParsedMatch, ...] = ()
    essay = ESSAY_DEFAULTS
    if kind in (SINGLE, MULTIPLE):
        texts = rng.sample(TEXTS, rng.randint(2, 5))
        fractions = [rng.choice(FRACTIONS[1:]) for _ in texts]
        if kind is SINGLE:
            fractions = [Decimal(0)] * len(texts)
            fractions[rng.randrange(len(texts))] = Decimal(1)
        made = []
        for said, fraction in zip(texts, fractions, strict=True):
            comment, comment_format = feedback()
            made.append(
                ParsedAnswer(
                    said, fraction, comment, text_format=own(fmt(), said), feedback_format=own(comment_format, comment)
                )
            )
        answers = tuple(made)
    elif kind is TRUE_FALSE:
        right = rng.choice([True, False])
        (on_true, true_format), (on_false, false_format) = feedback(), feedback()
        answers = (
            ParsedAnswer("true", Decimal(int(right)), on_true, feedback_format=own(true_format, on_true)),
            ParsedAnswer("false", Decimal(int(not right)), on_false, feedback_format=own(false_format, on_false)),
        )
    elif kind is SHORT:
        words = rng.sample(["carer", "grandparent", "aunt", "Caf\u00e9", "a b"], rng.randint(1, 3))
        made = []
        for word in [*words, *(["*"] if rng.random() < 0.5 else [])]:
            comment, comment_format = feedback()
            fraction = Decimal(0) if word == "*" else rng.choice([Decimal(1), Decimal("0.5")])
            made.append(ParsedAnswer(word, fraction, comment, feedback_format=own(comment_format, comment)))
        answers = tuple(made)
    elif kind is NUMERICAL:
        made = []
        for _ in range(rng.randint(1, 3)):
            comment, comment_format = feedback()
            made.append(
                ParsedAnswer(
                    rng.choice(["2", "-1.5", "200000", "0.001"]),
                    rng.choice([Decimal(1), Decimal("0.5")]),
                    comment,
                    rng.choice([Decimal(0), Decimal("0.5"), Decimal(20000)]),
                    feedback_format=own(comment_format, comment),
                )
            )
        if rng.random() < 0.6:
            comment, comment_format = feedback()
            made.append(
                ParsedAnswer("*", Decimal(0), comment, Decimal(0), feedback_format=own(comment_format, comment))
            )
        answers = tuple(made)
    elif kind is MATCHING:
        lefts = rng.sample([text for text in TEXTS if "->" not in text], 3)
        made_pairs = [ParsedMatch(left, f"answer {index}", own(fmt(), left)) for index, left in enumerate(lefts)]
        if rng.random() < 0.5:
            made_pairs.append(ParsedMatch("", "a distractor"))
        matches = tuple(made_pairs)
    elif kind is ESSAY:
        essay = EssayOptions(
            response_format=rng.choice(list(ResponseFormat)),
            response_required=rng.choice([True, False]),
            response_field_lines=rng.choice([5, 15, 40]),
            min_word_limit=rng.choice([None, 10]),
            max_word_limit=rng.choice([None, 500]),
            attachments=rng.choice([-1, 0, 3]),
            attachments_required=rng.choice([0, 1]),
            grader_info=rng.choice(["", text()]),
            grader_info_format=rng.choice(list(TextFormat)),
            response_template=rng.choice(["", text()]),
            response_template_format=rng.choice(list(TextFormat)),
        )
    general, general_format = feedback() if kind is not DESCRIPTION else ("", None)
    return ParsedQuestion(
        kind,
        text(),
        name=rng.choice(["", "Named", "a :: b"]),
        stem_format=stem_format,
        general_feedback=general,
        general_feedback_format=own(general_format, general),
        answers=answers,
        matches=matches,
        category=rng.choice([(), ("Visits",), ("Visits", "After//before")]),
        shuffle_answers=rng.choice([True, False]) if kind in (SINGLE, MULTIPLE, MATCHING) else True,
        case_sensitive=rng.choice([True, False]) if kind is SHORT else False,
        default_mark=rng.choice([DEFAULT_MARK, Decimal(2)]),
        penalty=rng.choice([DEFAULT_PENALTY, Decimal(0), Decimal(1)]),
        essay=essay,
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_generated_questions_round_trip_through_both_formats(seed: int) -> None:
    questions = [generated_question(random.Random(seed * 7 + count)) for count in range(4)]

    assert parse_moodle_xml(write_moodle_xml(questions)) == questions
    assert parse_gift(write_gift(questions)) == [as_gift_keeps_it(question) for question in questions]


def test_files_say_what_the_bank_does_not_keep_and_where() -> None:
    xml = parse_moodle_xml_file((FIXTURES / "supporting_children.xml").read_bytes())
    gift = parse_gift_file(read("moodle_export.gift"))
    clean = parse_gift_file(read("numerical_catch_all.gift"))

    assert xml.not_kept == (
        "ID numbers: 1 in the file, the first at line 97",
        "combined feedback: 2 in the file, the first at line 108",
        "hints: 1 in the file, the first at line 130",
        "tags: 1 in the file, the first at line 133",
    )
    assert gift.not_kept == (
        "ID numbers: 1 in the file, the first at line 12",
        "tags: 2 in the file, the first at line 12",
    )
    assert clean.not_kept == ()
