"""GIFT parsing and writing (quizzes.formats.gift): pure functions, dense tables."""

import json
import os
import re
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from quizzes.formats.gift import parse_gift, write_gift
from quizzes.formats.numbers import format_decimal
from quizzes.formats.types import (
    FormatError,
    NotRepresentableError,
    ParsedAnswer,
    ParsedMatch,
    ParsedQuestion,
    QuestionKind,
    TextFormat,
)

OWN_FIXTURES = Path(__file__).resolve().parent / "fixtures"
ORACLE_FIXTURES = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures" / "gift"
IN_CI = os.environ.get("CI", "").lower() == "true"

SINGLE = QuestionKind.SINGLE_CHOICE
MULTIPLE = QuestionKind.MULTIPLE_RESPONSE
TRUE_FALSE = QuestionKind.TRUE_FALSE
MATCHING = QuestionKind.MATCHING
SHORT = QuestionKind.SHORT_ANSWER
NUMERICAL = QuestionKind.NUMERICAL
ESSAY = QuestionKind.ESSAY
DESCRIPTION = QuestionKind.DESCRIPTION


def answer(text: str, fraction: str = "0", feedback: str = "", tolerance: str | None = None) -> ParsedAnswer:
    return ParsedAnswer(text, Decimal(fraction), feedback, None if tolerance is None else Decimal(tolerance))


def true_false(correct: bool, *, feedback_on_true: str = "", feedback_on_false: str = "") -> tuple[ParsedAnswer, ...]:
    return (
        answer("true", "1" if correct else "0", feedback_on_true),
        answer("false", "0" if correct else "1", feedback_on_false),
    )


# The oracle: GIFT-grammar-PEG.js's expected parses


def oracle_folder() -> Path:
    if not ORACLE_FIXTURES.is_dir():
        reason = f"../shared/fixtures is absent: the GIFT oracle files are expected in {ORACLE_FIXTURES}"
        if IN_CI:
            pytest.fail(f"{reason}; CI must run these tests, not skip them")
        pytest.skip(reason)
    return ORACLE_FIXTURES


def oracle_names() -> list[str]:
    # Without the folder, one placeholder whose test skips with the reason above.
    if not ORACLE_FIXTURES.is_dir():
        return ["absent"]
    return sorted(path.stem for path in ORACLE_FIXTURES.glob("*.gift"))


def load_oracle(name: str) -> tuple[str, list[dict[str, Any]]]:
    folder = oracle_folder()
    expected = folder / f"{name}.expected.json"
    assert expected.exists(), f"{name}.gift has no {expected.name} to check it against"
    with expected.open(encoding="utf-8") as file:
        # Decimals, so that 33.33333 means exactly what the file says.
        oracle = json.load(file, parse_float=Decimal, parse_int=Decimal)
    return (folder / f"{name}.gift").read_text(encoding="utf-8"), oracle


def oracle_category(title: str) -> tuple[str, ...]:
    """The PEG project keeps "$course$/top/A" as written; we keep the names below the top."""
    names = title.split("/")
    if names[0].startswith("$") and names[0].endswith("$"):
        names.pop(0)
    if names and names[0] == "top":
        names.pop(0)
    return tuple(names)


def question_from_oracle(item: dict[str, Any], category: tuple[str, ...]) -> ParsedQuestion:
    """One PEG.js question mapped onto our shape.

    - type MC becomes single_choice when some choice is marked '=' (isCorrect),
      multiple_response otherwise, which is Moodle's rule for "single".
    - weight null means the marker's default: 100% for '=', 0% for '~';
      otherwise fraction = weight / 100.
    - Each PEG text carries its own format, the stem's when it has no tag;
      ours keep a part's own format only where it differs from the stem's
      (and never on short answers or numbers, which are matched, not shown).
    - TF: PEG names the two feedback strings trueFeedback and falseFeedback
      by position. Moodle documents the first as shown for a wrong answer
      and the second for a right one; we attach each to the choice
      ("true" or "false") that earns it.
    - Numerical: "simple" is a tolerance of 0, "range" is number and
      tolerance, "high-low" becomes midpoint and half-width as Moodle stores
      it.
    - id and tags (Moodle's [id:] and [tag:] comments) are not read; every
      fixture has them null.
    """
    assert item.get("id") is None and item.get("tags") is None
    stem_format = item["stem"]["format"]

    def text(value: dict[str, str] | None) -> str:
        return "" if value is None else value["text"]

    def own(value: dict[str, str] | None) -> TextFormat | None:
        if value is None or not value["text"] or value["format"] == stem_format:
            return None
        return TextFormat(value["format"])

    def fraction(choice: dict[str, Any]) -> Decimal:
        if choice["weight"] is None:
            return Decimal(1) if choice["isCorrect"] else Decimal(0)
        return Decimal(choice["weight"]) / 100

    def numerical(choice: dict[str, Any], spec: dict[str, Any], feedback: str) -> ParsedAnswer:
        if spec["type"] == "simple":
            value, tolerance = spec["number"], Decimal(0)
        elif spec["type"] == "range":
            value, tolerance = spec["number"], spec["range"]
        else:
            assert spec["type"] == "high-low"
            low, high = spec["numberLow"], spec["numberHigh"]
            value, tolerance = (low + high) / 2, (high - low) / 2
        return ParsedAnswer(format_decimal(value), fraction(choice), feedback, tolerance)

    kind = item["type"]
    fields: dict[str, Any] = {
        "stem": item["stem"]["text"],
        "name": item["title"] or "",
        "stem_format": TextFormat(stem_format),
        "general_feedback": text(item.get("globalFeedback")),
        "general_feedback_format": own(item.get("globalFeedback")),
        "category": category,
    }
    if kind == "MC":
        choices = item["choices"]
        single = any(choice["isCorrect"] for choice in choices)
        answers = tuple(
            ParsedAnswer(
                text(c["text"]),
                fraction(c),
                text(c["feedback"]),
                text_format=own(c["text"]),
                feedback_format=own(c["feedback"]),
            )
            for c in choices
        )
        return ParsedQuestion(kind=SINGLE if single else MULTIPLE, answers=answers, **fields)
    if kind == "Short":
        answers = tuple(
            ParsedAnswer(text(c["text"]), fraction(c), text(c["feedback"]), feedback_format=own(c["feedback"]))
            for c in item["choices"]
        )
        return ParsedQuestion(kind=SHORT, answers=answers, **fields)
    if kind == "TF":
        wrong, right = item["trueFeedback"], item["falseFeedback"]  # by position, see above
        correct = item["isTrue"]
        on_true, on_false = (right, wrong) if correct else (wrong, right)
        plain_true, plain_false = true_false(correct, feedback_on_true=text(on_true), feedback_on_false=text(on_false))
        answers = (
            replace(plain_true, feedback_format=own(on_true)),
            replace(plain_false, feedback_format=own(on_false)),
        )
        return ParsedQuestion(kind=TRUE_FALSE, answers=answers, **fields)
    if kind == "Numerical":
        choices = item["choices"]
        if isinstance(choices, dict):  # one answer, no '=' and no weight
            answers = (numerical({"weight": None, "isCorrect": True}, choices, ""),)
        else:
            answers = tuple(
                replace(numerical(c, c["text"], text(c["feedback"])), feedback_format=own(c["feedback"]))
                for c in choices
            )
        return ParsedQuestion(kind=NUMERICAL, answers=answers, **fields)
    if kind == "Matching":
        matches = tuple(
            ParsedMatch(text(pair["subquestion"]), pair["subanswer"], own(pair["subquestion"]))
            for pair in item["matchPairs"]
        )
        return ParsedQuestion(kind=MATCHING, matches=matches, **fields)
    if kind == "Essay":
        return ParsedQuestion(kind=ESSAY, **fields)
    assert kind == "Description", f"the oracle uses a type this mapping does not know: {kind}"
    return ParsedQuestion(kind=DESCRIPTION, **fields)


def as_the_oracle_writes_it(question: ParsedQuestion) -> ParsedQuestion:
    """Our question with the PEG project's representation choices applied.

    - A line break in the GIFT source is "\\n" for us (Moodle keeps it) and a
      space for PEG.js, while both turn the "\\n" escape into a line break;
      so line breaks compare as spaces on both sides.
    - Moodle puts the blank exactly where the braces were ("from _____.");
      PEG.js pads it with single spaces ("from _____ .").
    - Numbers: we keep the digits as written, PEG.js gives a JSON number.
    """

    def flat(text: str) -> str:
        return text.replace("\n", " ")

    def number(text: str) -> str:
        return text if text == "*" else format_decimal(Decimal(text))

    return replace(
        question,
        stem=re.sub(r"\s*_____\s*", " _____ ", flat(question.stem)),
        general_feedback=flat(question.general_feedback),
        answers=tuple(
            replace(
                item,
                text=number(item.text) if question.kind is NUMERICAL else flat(item.text),
                feedback=flat(item.feedback),
            )
            for item in question.answers
        ),
        matches=tuple(ParsedMatch(flat(pair.question), flat(pair.answer)) for pair in question.matches),
    )


@pytest.mark.parametrize("name", oracle_names())
def test_every_oracle_fixture_parses_to_what_its_expected_json_describes(name: str) -> None:
    text, oracle = load_oracle(name)
    category: tuple[str, ...] = ()
    expected: list[ParsedQuestion] = []
    embedded: list[bool] = []
    for item in oracle:
        if item["type"] == "Category":
            category = oracle_category(item["title"])
        else:
            expected.append(question_from_oracle(item, category))
            embedded.append(item["hasEmbeddedAnswers"])

    questions = parse_gift(text)

    assert [as_the_oracle_writes_it(question) for question in questions] == [
        as_the_oracle_writes_it(question) for question in expected
    ]
    assert [question.has_missing_word for question in questions] == embedded
    # PEG.js lists a category as an item of its own; ours is carried by the
    # questions after it, so a probe question shows a category that ends a file.
    probe = parse_gift(text + "\n\nA probe question after everything else. {T}\n")[-1]
    assert probe.category == category


@pytest.mark.parametrize("name", oracle_names())
def test_every_oracle_fixture_round_trips_through_write_gift(name: str) -> None:
    text, _ = load_oracle(name)
    questions = parse_gift(text)

    assert parse_gift(write_gift(questions)) == questions


# Our own cases, one feature each

VISIT_CHOICES = (
    answer("The child and their carer", "1"),
    answer("The prison alone", "0"),
    answer("Nobody", "0"),
)
FEATURES = [
    pytest.param(
        "Who decides whether a child visits? {=The child and their carer ~The prison alone ~Nobody}",
        ParsedQuestion(SINGLE, "Who decides whether a child visits?", answers=VISIT_CHOICES),
        id="single choice",
    ),
    pytest.param(
        "::Visits::Who decides whether a child visits?{=The child and their carer ~The prison alone ~Nobody}",
        ParsedQuestion(SINGLE, "Who decides whether a child visits?", name="Visits", answers=VISIT_CHOICES),
        id="name",
    ),
    pytest.param(
        "// the visits question\n::Visits::\n// a comment inside a question\nWho decides whether a child visits?\n"
        "{=The child and their carer\n// and one among the answers\n~The prison alone ~Nobody}\n// and after it",
        ParsedQuestion(SINGLE, "Who decides whether a child visits?", name="Visits", answers=VISIT_CHOICES),
        id="comment lines anywhere",
    ),
    pytest.param(
        "   ::Visits::   Who decides whether a child visits?   {  =The child and their carer   ~The prison alone\t"
        "~Nobody  }   ",
        ParsedQuestion(SINGLE, "Who decides whether a child visits?", name="Visits", answers=VISIT_CHOICES),
        id="spaces around everything",
    ),
    pytest.param(
        "A child may keep a parent's sentence {=secret ~%0%public} at school.",
        ParsedQuestion(
            SINGLE,
            "A child may keep a parent's sentence _____ at school.",
            answers=(answer("secret", "1"), answer("public", "0")),
        ),
        id="missing word",
    ),
    pytest.param(
        "{=Honesty ~Silence} helps a child most.",
        ParsedQuestion(SINGLE, "_____ helps a child most.", answers=(answer("Honesty", "1"), answer("Silence"))),
        id="missing word first",
    ),
    pytest.param(
        "Which helps? {=%50%a calm explanation =%100%an honest one ~%-100%a made-up story ~%-33.33333%silence}",
        ParsedQuestion(
            SINGLE,
            "Which helps?",
            answers=(
                answer("a calm explanation", "0.5"),
                answer("an honest one", "1"),
                answer("a made-up story", "-1"),
                answer("silence", "-0.3333333"),
            ),
        ),
        id="weights, negative and decimal",
    ),
    pytest.param(
        "Which help? {~%50%honesty ~%50%routine ~%-100%secrecy}",
        ParsedQuestion(
            MULTIPLE,
            "Which help?",
            answers=(answer("honesty", "0.5"), answer("routine", "0.5"), answer("secrecy", "-1")),
        ),
        id="multiple response when no answer is marked '='",
    ),
    pytest.param(
        "Which helps? {\n=honesty#Yes.\n~secrecy#Secrets weigh on children.\n####Honesty, at the child's pace.\n}",
        ParsedQuestion(
            SINGLE,
            "Which helps?",
            general_feedback="Honesty, at the child's pace.",
            answers=(answer("honesty", "1", "Yes."), answer("secrecy", "0", "Secrets weigh on children.")),
        ),
        id="feedback and general feedback",
    ),
    pytest.param(
        "Which helps? {=honesty#Yes, and #1 for most children ~secrecy}",
        ParsedQuestion(
            SINGLE, "Which helps?", answers=(answer("honesty", "1", "Yes, and #1 for most children"), answer("secrecy"))
        ),
        id="a later '#' belongs to the feedback, as in Moodle",
    ),
    pytest.param(
        "Visits can help.{T}",
        ParsedQuestion(TRUE_FALSE, "Visits can help.", answers=true_false(True)),
        id="{T}",
    ),
    pytest.param(
        "Visits can help.{TRUE}",
        ParsedQuestion(TRUE_FALSE, "Visits can help.", answers=true_false(True)),
        id="{TRUE}",
    ),
    pytest.param(
        "Children never need to know.{F}",
        ParsedQuestion(TRUE_FALSE, "Children never need to know.", answers=true_false(False)),
        id="{F}",
    ),
    pytest.param(
        "Children never need to know.{FALSE}",
        ParsedQuestion(TRUE_FALSE, "Children never need to know.", answers=true_false(False)),
        id="{FALSE}",
    ),
    pytest.param(
        "Visits can help.{T#Not so: most children want contact.#Yes.}",
        ParsedQuestion(
            TRUE_FALSE,
            "Visits can help.",
            answers=true_false(True, feedback_on_true="Yes.", feedback_on_false="Not so: most children want contact."),
        ),
        id="true with feedback for wrong then right",
    ),
    pytest.param(
        "Children never need to know.{F#They usually find out.#Right.}",
        ParsedQuestion(
            TRUE_FALSE,
            "Children never need to know.",
            answers=true_false(False, feedback_on_true="They usually find out.", feedback_on_false="Right."),
        ),
        id="false with feedback for wrong then right",
    ),
    pytest.param(
        "Visits can help.{TRUE#Most children want contact.}",
        ParsedQuestion(
            TRUE_FALSE, "Visits can help.", answers=true_false(True, feedback_on_false="Most children want contact.")
        ),
        id="true with only the wrong-answer feedback",
    ),
    pytest.param(
        "Two visits a month is typical.{T#It is 2 = two####Rules vary by prison.}",
        ParsedQuestion(
            TRUE_FALSE,
            "Two visits a month is typical.",
            general_feedback="Rules vary by prison.",
            answers=true_false(True, feedback_on_false="It is 2 = two"),
        ),
        id="true/false recognised before '=' as in Moodle, with general feedback",
    ),
    pytest.param(
        "Who often cares for the child? {=grandparent =grandparents#Yes. =%50%aunt}",
        ParsedQuestion(
            SHORT,
            "Who often cares for the child?",
            answers=(answer("grandparent", "1"), answer("grandparents", "1", "Yes."), answer("aunt", "0.5")),
        ),
        id="short answer with weights",
    ),
    pytest.param(
        "What did the child say? {true}",
        ParsedQuestion(SHORT, "What did the child say?", answers=(answer("true", "1"),)),
        id="true/false keywords count in capitals only, as documented",
    ),
    pytest.param(
        "Who often cares for the child? {grandparent#Yes.}",
        ParsedQuestion(SHORT, "Who often cares for the child?", answers=(answer("grandparent", "1", "Yes."),)),
        id="short answer without '='",
    ),
    pytest.param(
        "A child needs {=honesty =truth} from adults.",
        ParsedQuestion(
            SHORT, "A child needs _____ from adults.", answers=(answer("honesty", "1"), answer("truth", "1"))
        ),
        id="short answer missing word",
    ),
    pytest.param(
        "Match the worry with a reply. {=Is it my fault? -> No. =Can I visit? -> Yes, with an adult.\n"
        "=Will Dad come back?->Yes, when his sentence ends. ####Keep answers short.}",
        ParsedQuestion(
            MATCHING,
            "Match the worry with a reply.",
            general_feedback="Keep answers short.",
            matches=(
                ParsedMatch("Is it my fault?", "No."),
                ParsedMatch("Can I visit?", "Yes, with an adult."),
                ParsedMatch("Will Dad come back?", "Yes, when his sentence ends."),
            ),
        ),
        id="matching",
    ),
    pytest.param(
        "Match. {=Is it my fault? -> No. =Can I visit? -> Yes. = -> Never.}",
        ParsedQuestion(
            MATCHING,
            "Match.",
            matches=(
                ParsedMatch("Is it my fault?", "No."),
                ParsedMatch("Can I visit?", "Yes."),
                ParsedMatch("", "Never."),
            ),
        ),
        id="matching with a distractor",
    ),
    pytest.param(
        "About how many children a year in England and Wales see a parent imprisoned? {#200000:20000}",
        ParsedQuestion(
            NUMERICAL,
            "About how many children a year in England and Wales see a parent imprisoned?",
            answers=(answer("200000", "1", tolerance="20000"),),
        ),
        id="numerical with tolerance",
    ),
    pytest.param(
        "Pi? {#3.14:0.01}",
        ParsedQuestion(NUMERICAL, "Pi?", answers=(answer("3.14", "1", tolerance="0.01"),)),
        id="numerical with decimal tolerance",
    ),
    pytest.param(
        "How many visits a month? {#2}",
        ParsedQuestion(NUMERICAL, "How many visits a month?", answers=(answer("2", "1", tolerance="0"),)),
        id="numerical exact",
    ),
    pytest.param(
        "A number from 1 to 5? {#1..5}",
        ParsedQuestion(NUMERICAL, "A number from 1 to 5?", answers=(answer("3", "1", tolerance="2"),)),
        id="numerical range",
    ),
    pytest.param(
        "A number from -5 to -1.5? {#-5..-1.5}",
        ParsedQuestion(NUMERICAL, "A number from -5 to -1.5?", answers=(answer("-3.25", "1", tolerance="1.75"),)),
        id="numerical negative range",
    ),
    pytest.param(
        "How many hours is a typical family visit? {#\n=2:0#Yes.\n=%50%1..3#Close.\n"
        "=%0%*#Most visits last about two hours.\n}",
        ParsedQuestion(
            NUMERICAL,
            "How many hours is a typical family visit?",
            answers=(
                answer("2", "1", "Yes.", tolerance="0"),
                answer("2", "0.5", "Close.", tolerance="1"),
                answer("*", "0", "Most visits last about two hours.", tolerance="0"),
            ),
        ),
        id="numerical answers with weights, feedback and any other answer",
    ),
    pytest.param(
        "How many hours? {#2#Yes, usually.}",
        ParsedQuestion(NUMERICAL, "How many hours?", answers=(answer("2", "1", "Yes, usually.", tolerance="0"),)),
        id="numerical with feedback and no '='",
    ),
    pytest.param(
        "A visit lasts about {#2:1} hours.",
        ParsedQuestion(NUMERICAL, "A visit lasts about _____ hours.", answers=(answer("2", "1", tolerance="1"),)),
        id="numerical missing word",
    ),
    pytest.param(
        "Describe a good first visit. {}",
        ParsedQuestion(ESSAY, "Describe a good first visit."),
        id="essay",
    ),
    pytest.param(
        "Describe a good first visit. {####Preparation, honesty and a plan for afterwards.}",
        ParsedQuestion(
            ESSAY, "Describe a good first visit.", general_feedback="Preparation, honesty and a plan for afterwards."
        ),
        id="essay with general feedback",
    ),
    pytest.param(
        "::Before you start::The next questions are about visits.",
        ParsedQuestion(DESCRIPTION, "The next questions are about visits.", name="Before you start"),
        id="description",
    ),
    pytest.param(
        "[html]<p>Which <b>helps</b>?</p>{=[html]<i>honesty</i>#[html]<b>Yes</b> ~secrecy}",
        ParsedQuestion(
            SINGLE,
            "<p>Which <b>helps</b>?</p>",
            stem_format=TextFormat.HTML,
            answers=(answer("<i>honesty</i>", "1", "<b>Yes</b>"), answer("secrecy")),
        ),
        id="[html], repeated on an answer and its feedback",
    ),
    pytest.param(
        "::Q::[markdown]Which *helps*? {=honesty ~secrecy}",
        ParsedQuestion(
            SINGLE,
            "Which *helps*?",
            name="Q",
            stem_format=TextFormat.MARKDOWN,
            answers=(answer("honesty", "1"), answer("secrecy")),
        ),
        id="[markdown]",
    ),
    pytest.param(
        "[plain]Which helps? <b> stays as typed. {=honesty ~secrecy}",
        ParsedQuestion(
            SINGLE,
            "Which helps? <b> stays as typed.",
            stem_format=TextFormat.PLAIN,
            answers=(answer("honesty", "1"), answer("secrecy")),
        ),
        id="[plain]",
    ),
    pytest.param(
        "[moodle]Which helps? {=honesty ~secrecy}",
        ParsedQuestion(SINGLE, "Which helps?", answers=(answer("honesty", "1"), answer("secrecy"))),
        id="[moodle], the default",
    ),
    pytest.param(
        "[latex]Which helps? {=honesty ~secrecy}",
        ParsedQuestion(SINGLE, "[latex]Which helps?", answers=(answer("honesty", "1"), answer("secrecy"))),
        id="an unknown tag is text",
    ),
    pytest.param(
        "Which feelings do children describe?\n    Choose all that apply.\n{~%50%shame\n  ~%50%anger\n    }",
        ParsedQuestion(
            MULTIPLE,
            "Which feelings do children describe?\nChoose all that apply.",
            answers=(answer("shame", "0.5"), answer("anger", "0.5")),
        ),
        id="line breaks kept, indentation dropped",
    ),
    pytest.param(
        "Which costs 50% less? {=%100%A 50% discount ~%0%%50 is not a weight here}",
        ParsedQuestion(
            SINGLE,
            "Which costs 50% less?",
            answers=(answer("A 50% discount", "1"), answer("%50 is not a weight here", "0")),
        ),
        id="percent signs after a weight are text",
    ),
]


@pytest.mark.parametrize(("text", "expected"), FEATURES)
def test_each_gift_feature_parses(text: str, expected: ParsedQuestion) -> None:
    assert parse_gift(text) == [expected]


@pytest.mark.parametrize(
    ("escaped", "meaning"),
    [
        ("\\~", "~"),
        ("\\=", "="),
        ("\\#", "#"),
        ("\\{", "{"),
        ("\\}", "}"),
        ("\\:", ":"),
        ("\\n", "\n"),
        ("\\\\", "\\"),
        ("\\ ", "\\ "),  # a backslash before anything else is a backslash
        ("\\(x\\)", "\\(x\\)"),  # so TeX delimiters survive
    ],
)
@pytest.mark.parametrize("where", ["stem", "name", "answer", "feedback", "general feedback", "matching"])
def test_each_escape_means_its_character_everywhere(escaped: str, meaning: str, where: str) -> None:
    text = f"say {escaped} here"
    meant = f"say {meaning} here"
    if where == "matching":
        question = parse_gift(f"Match. {{={text} -> a =b -> {text} =c -> d}}")[0]
        assert question.matches[0].question == meant
        assert question.matches[1].answer == meant
        return
    gift = {
        "stem": f"Q {text}? {{=a ~b}}",
        "name": f"::{text}::Q {{=a ~b}}",
        "answer": f"Q {{={text} ~b}}",
        "feedback": f"Q {{=a#{text} ~b}}",
        "general feedback": f"Q {{=a ~b ####{text}}}",
    }[where]
    question = parse_gift(gift)[0]

    found = {
        "stem": question.stem.removeprefix("Q ").removesuffix("?"),
        "name": question.name,
        "answer": question.answers[0].text,
        "feedback": question.answers[0].feedback,
        "general feedback": question.general_feedback,
    }[where]
    assert found == meant


@pytest.mark.parametrize(
    ("directive", "path"),
    [
        ("$CATEGORY: $course$/top/Visits/First visit", ("Visits", "First visit")),
        ("$CATEGORY: $system$/top/Visits", ("Visits",)),
        ("$CATEGORY: $module$/top/Visits", ("Visits",)),
        ("$CATEGORY: top/Visits", ("Visits",)),
        ("$CATEGORY: Visits/First visit", ("Visits", "First visit")),
        ("$CATEGORY:Visits", ("Visits",)),
        ("$CATEGORY:  $course$ / top / Visits / First visit  ", ("Visits", "First visit")),
        ("$CATEGORY: $course$/top/Before//after release/Support", ("Before/after release", "Support")),
        ("$CATEGORY: $course$/top", ()),
        ("$CATEGORY: $course$/top/Default for Children of prisoners", ("Default for Children of prisoners",)),
    ],
)
def test_category_lines_set_the_path_below_the_top_category(directive: str, path: tuple[str, ...]) -> None:
    questions = parse_gift(f"{directive}\n\nVisits help.{{T}}\n\nSecrets help.{{F}}")

    assert [question.category for question in questions] == [path, path]


def test_categories_apply_until_the_next_one_even_without_a_blank_line() -> None:
    text = (
        "Q1{T}\n$CATEGORY: $course$/top/A\nQ2{T}\n\n"
        "$CATEGORY: $course$/top/A/B\n\nQ3{T}\n\nQ4{T}\n$CATEGORY: top\nQ5{T}"
    )

    assert [(question.stem, question.category) for question in parse_gift(text)] == [
        ("Q1", ()),
        ("Q2", ("A",)),
        ("Q3", ("A", "B")),
        ("Q4", ("A", "B")),
        ("Q5", ()),
    ]


@pytest.mark.parametrize("text", ["", "\n\n", "// only a comment\n// and another\n", "$CATEGORY: $course$/top/A\n"])
def test_files_without_questions_give_none(text: str) -> None:
    assert parse_gift(text) == []


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_endings_and_a_byte_order_mark_do_not_matter(newline: str) -> None:
    text = "\ufeff// comment\n::Q::First line\nsecond line{T}\n\nNext{F}\n".replace("\n", newline)

    assert [question.stem for question in parse_gift(text)] == ["First line\nsecond line", "Next"]


def test_our_fixture_file_with_every_feature_parses_to_the_questions_it_describes() -> None:
    questions = parse_gift((OWN_FIXTURES / "supporting_children.gift").read_text(encoding="utf-8"))

    supporting = ("Supporting children of prisoners",)
    talking = (*supporting, "Talking with children")
    words = (*talking, "Words that help")
    assert questions == [
        ParsedQuestion(
            DESCRIPTION,
            "<p>These questions check what you took from the module.\nThere is no time limit.</p>",
            name="Welcome",
            stem_format=TextFormat.HTML,
        ),
        ParsedQuestion(
            NUMERICAL,
            "About how many children a year in England and Wales see a parent imprisoned?",
            name="How many children",
            category=supporting,
            answers=(answer("200000", "1", tolerance="20000"),),
        ),
        ParsedQuestion(
            SINGLE,
            "A child's **first prison visit** usually goes best when they _____ before the day.",
            name="Preparing for a visit",
            stem_format=TextFormat.MARKDOWN,
            general_feedback="Prepare children honestly and at their own pace.",
            category=supporting,
            answers=(
                answer("are told nothing until they arrive", "0", "Surprises at the gate tend to frighten children."),
                answer("know beforehand what the visit will involve", "1", "Yes: preparation lowers anxiety."),
                answer(
                    "are promised their parent will be home soon", "-0.5", "A promise nobody can keep damages trust."
                ),
            ),
        ),
        ParsedQuestion(
            TRUE_FALSE,
            "Children usually cope better when the adults around them are honest about where their parent is.",
            name="Honesty",
            category=talking,
            answers=true_false(
                True,
                feedback_on_true="Yes: secrecy tends to add to a child's worry.",
                feedback_on_false="Most practitioners find the opposite.",
            ),
        ),
        ParsedQuestion(
            TRUE_FALSE,
            "A child should be told to keep a parent's imprisonment secret from everyone.",
            name="Secrets",
            category=talking,
            answers=true_false(False),
        ),
        ParsedQuestion(
            MULTIPLE,
            "Which feelings do children of prisoners often describe?\nChoose all that apply.",
            name="Feelings",
            category=talking,
            answers=(
                answer("Shame", "0.3333333"),
                answer("Anger", "0.3333333"),
                answer("Missing their parent", "0.3333334"),
                answer("Relief that nothing has changed", "-1", "Very few children say this."),
            ),
        ),
        ParsedQuestion(
            SHORT,
            "Name one adult at school a child might choose to confide in.",
            name="Who to tell",
            category=talking,
            answers=(
                answer("teacher", "1", "A trusted teacher is a common choice."),
                answer("form tutor", "0.75"),
                answer("school nurse", "0.5", "Possible, though children name them less often."),
            ),
        ),
        ParsedQuestion(
            SHORT,
            "Who usually looks after a child when their mother goes to prison?",
            name="Carer",
            category=talking,
            answers=(answer("grandparent", "1", "Grandparents take on care more often than anyone else."),),
        ),
        ParsedQuestion(
            MATCHING,
            "Match each question a child might ask with an honest, age-appropriate answer.",
            name="Matching explanations",
            stem_format=TextFormat.PLAIN,
            category=words,
            matches=(
                ParsedMatch("Where is Dad?", "He is in a place called prison for a while."),
                ParsedMatch("Is it my fault?", "No. Nothing you did caused this."),
                ParsedMatch("Can I see him?", "Yes, we can plan a visit together."),
                ParsedMatch("", "He will be home tomorrow."),
            ),
        ),
        ParsedQuestion(
            NUMERICAL,
            "From what age are children commonly included in family visits?",
            name="Age",
            category=words,
            answers=(
                answer("0", "1", "Babies and toddlers can visit with an adult.", tolerance="0"),
                answer("2", "0.5", "Many are, but younger children can visit too.", tolerance="1"),
                answer("*", "0", "Children of any age can visit with an adult.", tolerance="0"),
            ),
        ),
        ParsedQuestion(
            ESSAY,
            "In a few sentences, describe how you would explain a parent's sentence to a six-year-old.",
            name="Reflection",
            category=("Reflection",),
            general_feedback="Look for honesty, simple words and reassurance that the child is not to blame.",
        ),
        ParsedQuestion(
            SINGLE,
            "In GIFT a literal ~ = # { } and : need a backslash, \\ is a backslash\nand a lone \\ stays as it is.",
            name="Escapes",
            category=("Reflection",),
            answers=(answer("noted", "1", "Right = correct"), answer("ignored", "0")),
        ),
        ParsedQuestion(
            SHORT,
            "Talking with a child about a parent in prison needs _____ and patience.",
            category=("Reflection",),
            answers=(answer("honesty", "1"), answer("openness", "0.5")),
        ),
    ]


# Malformed input

ERRORS = [
    pytest.param("Q {=a ~b", 1, "missing closing brace '}'", id="unclosed brace"),
    pytest.param("Q {=a ~b\n~c\n\nNext {T}", 1, "missing closing brace '}'", id="unclosed brace before a blank line"),
    pytest.param("Q } {T}", 1, "'}' without an opening '{'", id="closing brace first"),
    pytest.param("Q {T} }", 1, "'}' without an opening '{'", id="closing brace after the block"),
    pytest.param("Q }", 1, "'}' without an opening '{'", id="closing brace in a description"),
    pytest.param("Q {=a {~b}", 1, "'{' inside an answer block; write a literal brace as '\\{'", id="nested brace"),
    pytest.param("Q {T} and {F}", 1, "more than one answer block", id="two blocks"),
    pytest.param("::Name Q {T}", 1, "the question name has no closing '::'", id="unclosed name"),
    pytest.param("::Name::{T}", 1, "the question has no text", id="no text"),
    pytest.param("::Name::", 1, "the question has no text", id="only a name"),
    pytest.param("Q {~only}", 1, "a multiple-choice question needs at least 2 answers, found 1", id="one choice"),
    pytest.param("Q {~ ~b =c}", 1, "answer 1 has no text", id="empty choice"),
    pytest.param("Q {~a ~b =#feedback}", 1, "answer 3 has no text", id="choice with only feedback"),
    pytest.param("Q {=}", 1, "answer 1 has no text", id="empty short answer"),
    pytest.param("Q {a ~b =c}", 1, "text 'a' before the first '=' or '~'", id="text before the answers"),
    pytest.param("Q {~%abc%a =b}", 1, "answer 1: the weight '%abc%' is not a number", id="weight not a number"),
    pytest.param("Q {~a =%%b}", 1, "answer 2: the weight '%%' is not a number", id="empty weight"),
    pytest.param("Q {~%150%a =b}", 1, "answer 1: the weight 150% is outside -100% to 100%", id="weight too high"),
    pytest.param("Q {~%-101%a =b}", 1, "answer 1: the weight -101% is outside -100% to 100%", id="weight too low"),
    pytest.param("Q {~%50 a =b}", 1, "answer 1: the weight has no closing '%'", id="unclosed weight"),
    pytest.param("Q {=%x%a =b}", 1, "answer 1: the weight '%x%' is not a number", id="short answer weight"),
    pytest.param("Q {=a -> 1 =b -> 2}", 1, "a matching question needs at least 3 pairs, found 2", id="two pairs"),
    pytest.param(
        "Q {=a -> 1 = -> 2 = -> 3}",
        1,
        "a matching question needs at least 2 pairs with a left side, found 1",
        id="one real pair",
    ),
    pytest.param("Q {=a -> 1 =b -> 2 =c}", 1, "matching pair 3 has no '->'", id="pair without arrow"),
    pytest.param("Q {=a -> =b -> 2 =c -> 3}", 1, "matching pair 1 has nothing after '->'", id="pair without answer"),
    pytest.param(
        "Q {=a -> 1#well =b -> 2 =c -> 3}",
        1,
        "matching pair 1: matching pairs cannot carry weights or feedback",
        id="pair with feedback",
    ),
    pytest.param(
        "Q {=a -> 1 =%50%b -> 2 =c -> 3}",
        1,
        "matching pair 2: matching pairs cannot carry weights or feedback",
        id="pair with weight",
    ),
    pytest.param("Q {#abc}", 1, "answer 1: 'abc' is not a number", id="numerical not a number"),
    pytest.param("Q {#12,5}", 1, "answer 1: '12,5' is not a number", id="numerical with a decimal comma"),
    pytest.param("Q {#NaN}", 1, "answer 1: 'NaN' is not a number", id="numerical NaN"),
    pytest.param("Q {#=1 =x:2}", 1, "answer 2: 'x' is not a number", id="second numerical answer"),
    pytest.param("Q {#12:x}", 1, "answer 1: the tolerance 'x' is not a number", id="tolerance not a number"),
    pytest.param("Q {#12:-1}", 1, "answer 1: the tolerance -1 is negative", id="negative tolerance"),
    pytest.param("Q {#5..1}", 1, "answer 1: the range 5..1 has its minimum above its maximum", id="reversed range"),
    pytest.param("Q {#1..x}", 1, "answer 1: 'x' is not a number", id="range end not a number"),
    pytest.param("Q {#}", 1, "a numerical question needs at least 1 answer", id="numerical without answers"),
    pytest.param(
        "Q {#=1 ~2}",
        1,
        "'2' after '~': in a numerical question '~#feedback' is the feedback for any other number, "
        "and takes no answer of its own",
        id="numerical '~' with a number",
    ),
    pytest.param(
        "Q {#=1 ~#no ~#again}",
        1,
        "numerical answers start with '='; one '~#feedback' may follow them, for any other number",
        id="numerical with two '~'",
    ),
    pytest.param(
        "Q {#=1 ~#no =2}",
        1,
        "numerical answers start with '='; one '~#feedback' may follow them, for any other number",
        id="numerical answer after '~'",
    ),
    pytest.param("Q {#~#no}", 1, "a numerical question needs at least 1 answer", id="numerical with only '~'"),
    pytest.param("Q {#x =1}", 1, "text 'x' before the first '='", id="numerical text before answers"),
    pytest.param("Q {#=%x%1}", 1, "answer 1: the weight '%x%' is not a number", id="numerical weight"),
    pytest.param("Q {T#a#b#c}", 1, "a true/false answer takes at most 2 feedbacks, found 3", id="three TF feedbacks"),
]


@pytest.mark.parametrize(("text", "line", "reason"), ERRORS)
def test_malformed_questions_raise_format_error_with_line_and_reason(text: str, line: int, reason: str) -> None:
    with pytest.raises(FormatError) as raised:
        parse_gift(text)

    assert (raised.value.line, raised.value.reason) == (line, reason)
    assert str(raised.value) == f"line {line}: {reason}"


@pytest.mark.parametrize(("text", "line", "reason"), ERRORS)
def test_errors_name_the_line_where_the_offending_question_starts(text: str, line: int, reason: str) -> None:
    preamble = "// Questions about visits\n\n$CATEGORY: $course$/top/Visits\n\nVisits can help.{T}\n\n// next:\n"

    with pytest.raises(FormatError) as raised:
        parse_gift(preamble + text + "\n\nAfter.{F}\n")

    assert (raised.value.line, raised.value.reason) == (line + 7, reason)


# Writing


def own_fixture_questions() -> list[ParsedQuestion]:
    return parse_gift((OWN_FIXTURES / "supporting_children.gift").read_text(encoding="utf-8"))


@pytest.mark.parametrize(("text", "expected"), FEATURES)
def test_each_feature_round_trips_through_write_gift(text: str, expected: ParsedQuestion) -> None:
    assert parse_gift(write_gift([expected])) == [expected]


def test_our_fixture_file_round_trips_through_write_gift() -> None:
    questions = own_fixture_questions()

    assert parse_gift(write_gift(questions)) == questions


@pytest.mark.parametrize(
    "text",
    [
        "~ = # { } : \\ \\n \n line\n\n blank :: ->",
        "[html] starts like a tag",
        "// starts like a comment",
        "$CATEGORY: starts like a category",
        "%50% starts like a weight",
        "_____ starts with the blank",
        "ends with the blank _____",
        "two _____ blanks _____ here",
    ],
)
@pytest.mark.parametrize("where", ["stem", "name", "answer", "feedback", "general feedback", "matching"])
def test_awkward_text_round_trips_wherever_it_is(text: str, where: str) -> None:
    choices = (answer("a", "1"), answer("b"))
    question = {
        "stem": ParsedQuestion(SINGLE, text, answers=choices),
        "name": ParsedQuestion(SINGLE, "Q", name=text, answers=choices),
        "answer": ParsedQuestion(SINGLE, "Q", answers=(answer(text, "1"), answer("b"))),
        "feedback": ParsedQuestion(SINGLE, "Q", answers=(answer("a", "1", text), answer("b", "0", text))),
        "general feedback": ParsedQuestion(ESSAY, "Q", general_feedback=text),
        "matching": ParsedQuestion(
            MATCHING,
            "Q",
            matches=(ParsedMatch(text.replace(" ->", ""), text), ParsedMatch("b", "2"), ParsedMatch("c", "3")),
        ),
    }[where]

    assert parse_gift(write_gift([question])) == [question]


@pytest.mark.parametrize(
    ("question", "written"),
    [
        pytest.param(
            ParsedQuestion(
                SINGLE, "Grant is _____ in Grant's tomb.", answers=(answer("buried"), answer("entombed", "1"))
            ),
            "Grant is {\n\t~buried\n\t=entombed\n} in Grant's tomb.\n\n",
            id="missing word",
        ),
        pytest.param(
            ParsedQuestion(
                TRUE_FALSE, "Visits help.", name="Visits", answers=true_false(True, feedback_on_true="Yes.")
            ),
            "::Visits::Visits help. {TRUE##Yes.}\n\n",
            id="true/false with feedback for the right answer only",
        ),
        pytest.param(
            ParsedQuestion(
                MULTIPLE,
                "Which?",
                stem_format=TextFormat.HTML,
                category=("A/B", "C"),
                answers=(answer("x", "0.5"), answer("y", "-1", "no")),
            ),
            "$CATEGORY: $course$/top/A//B/C\n\n[html]Which? {\n\t~%50%x\n\t~%-100%y#no\n}\n\n",
            id="category, format and weights",
        ),
        pytest.param(
            ParsedQuestion(NUMERICAL, "How many?", answers=(answer("3", "1", tolerance="2"), answer("*", "0", "No."))),
            "How many? {\n\t#\n\t=3:2\n\t~#No.\n}\n\n",
            id="numerical, any other number written as Moodle's exporter writes it",
        ),
        pytest.param(
            ParsedQuestion(DESCRIPTION, "Time: 10 minutes {roughly}"),
            "Time\\: 10 minutes \\{roughly\\}\n\n",
            id="description with escapes",
        ),
    ],
)
def test_write_gift_writes_what_moodle_documents(question: ParsedQuestion, written: str) -> None:
    assert write_gift([question]) == written


def test_write_gift_leaves_out_settings_gift_has_no_syntax_for() -> None:
    question = ParsedQuestion(
        SHORT,
        "Who?",
        answers=(answer("carer", "1"),),
        shuffle_answers=False,
        case_sensitive=True,
        default_mark=Decimal(2),
        penalty=Decimal("0.1"),
    )

    assert parse_gift(write_gift([question])) == [
        replace(
            question, shuffle_answers=True, case_sensitive=False, default_mark=Decimal(1), penalty=Decimal("0.3333333")
        )
    ]


@pytest.mark.parametrize(
    ("question", "reason"),
    [
        (ParsedQuestion(DESCRIPTION, "Read this.", general_feedback="And this."), "general feedback"),
        (ParsedQuestion(SHORT, "Which way?", answers=(answer("left -> right", "1"),)), "matching pairs"),
        (ParsedQuestion(SHORT, "Which way?", answers=(answer("left", "1", "not -> right"),)), "matching pairs"),
        (
            ParsedQuestion(
                MATCHING, "Q", matches=(ParsedMatch("a -> b", "1"), ParsedMatch("b", "2"), ParsedMatch("c", "3"))
            ),
            "containing '->'",
        ),
        (ParsedQuestion(SINGLE, "Only one?", answers=(answer("yes", "1"),)), "at least 2 choices"),
        (ParsedQuestion(SHORT, "Who?"), "as an essay"),
        (ParsedQuestion(NUMERICAL, "How many?"), "as an essay"),
        (ParsedQuestion(MATCHING, "Q", matches=(ParsedMatch("a", "1"), ParsedMatch("b", "2"))), "at least 3 pairs"),
        (ParsedQuestion(TRUE_FALSE, "Q", answers=(answer("yes", "1"), answer("no"))), "'true' and 'false'"),
        (ParsedQuestion(ESSAY, ""), "has no text"),
        (ParsedQuestion(ESSAY, "Line one\r\nline two"), "carriage return"),
        (ParsedQuestion(ESSAY, "Q", category=("",)), "category name"),
        (ParsedQuestion(ESSAY, "Q", category=("/root",)), "category name"),
        (ParsedQuestion(ESSAY, "Q", category=(" padded",)), "category name"),
    ],
)
def test_write_gift_refuses_content_gift_cannot_hold(question: ParsedQuestion, reason: str) -> None:
    with pytest.raises(NotRepresentableError, match=re.escape(reason)):
        write_gift([question])
