"""Moodle XML: `parse_moodle_xml` and `write_moodle_xml`.

The format is the one Moodle documents (docs.moodle.org/en/Moodle_XML_format):
a <quiz> of <question type="..."> elements, where type="category"
pseudo-questions set the category (a full path such as
"$course$/top/Parents/Visits") of the questions that follow them.

Read: multichoice (single or multiple answers), truefalse, shortanswer,
numerical (units are ignored), matching, essay and description, with their
name, text and format, general feedback, answers with fractions and
feedback, shuffling, case sensitivity, default mark and penalty. Anything
else Moodle writes (hints, tags, combined feedback, essay response options,
files) is not kept. A file with any other question type is refused: a
silent partial import would look complete.

Parsing goes through defusedxml with DTDs forbidden: Moodle never writes
one, and a DTD is how entity-expansion bombs and external-entity file reads
arrive.
"""

import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any, NoReturn
from xml.etree.ElementTree import Element, SubElement, TreeBuilder, indent, tostring

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser, ParseError

from quizzes.formats.category_path import category_path_format, category_path_parse
from quizzes.formats.numbers import format_decimal, fraction_from_percent, parse_decimal
from quizzes.formats.types import (
    DEFAULT_MARK,
    DEFAULT_PENALTY,
    LAYOUT_WHITESPACE,
    FormatError,
    NotRepresentableError,
    ParsedAnswer,
    ParsedMatch,
    ParsedQuestion,
    QuestionKind,
    TextFormat,
    matching_pairs_problem,
)

DTD_REFUSED = "the file contains a DTD or entity declarations, which are not allowed"

_FORMAT_BY_NAME = {
    "html": TextFormat.HTML,
    "moodle_auto_format": TextFormat.MOODLE,
    "plain_text": TextFormat.PLAIN,
    "markdown": TextFormat.MARKDOWN,
}
_NAME_BY_FORMAT = {text_format: name for name, text_format in _FORMAT_BY_NAME.items()}
_KIND_BY_TYPE = {
    "truefalse": QuestionKind.TRUE_FALSE,
    "shortanswer": QuestionKind.SHORT_ANSWER,
    "numerical": QuestionKind.NUMERICAL,
    "matching": QuestionKind.MATCHING,
    "essay": QuestionKind.ESSAY,
    "description": QuestionKind.DESCRIPTION,
}
_TYPE_BY_KIND = {
    **{kind: name for name, kind in _KIND_BY_TYPE.items()},
    QuestionKind.SINGLE_CHOICE: "multichoice",
    QuestionKind.MULTIPLE_RESPONSE: "multichoice",
}
_CHOICE_KINDS = (QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_RESPONSE)
# Moodle reads <shuffleanswers> only for these, and <usecase> only for short answers.
_SHUFFLED_KINDS = (*_CHOICE_KINDS, QuestionKind.MATCHING)
_TRUE_WORDS = {"true", "1"}
_FALSE_WORDS = {"false", "0"}
_ANY_OTHER_NUMBER = "*"  # Moodle's numerical answer that matches whatever else is given
_HUNDRED = Decimal(100)
# Characters XML 1.0 cannot hold at all, even escaped.
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def parse_moodle_xml(data: bytes) -> list[ParsedQuestion]:
    """The questions in a Moodle XML file, in order.

    Raises FormatError, with the line of the offending element, for XML
    that is malformed, carries a DTD, or describes a question this module
    does not read.
    """
    root, lines = _parse_tree(data)
    reader = _QuestionReader(lines)
    if root.tag != "quiz":
        reader.fail(root, f"the root element is <{root.tag}>, not <quiz>")
    questions: list[ParsedQuestion] = []
    category: tuple[str, ...] = ()
    for element in root:
        if element.tag != "question":
            reader.fail(element, f"expected <question>, found <{element.tag}>")
        if element.get("type") == "category":
            category = category_path_parse(reader.text(element, "category"))
        else:
            questions.append(reader.question(element, category))
    return questions


def write_moodle_xml(questions: Iterable[ParsedQuestion]) -> bytes:
    """Moodle XML that `parse_moodle_xml` reads back as the same questions.

    Each change of category is written as a category pseudo-question with
    the full path, as Moodle's export does. Raises NotRepresentableError for
    text containing characters XML 1.0 forbids.
    """
    quiz = Element("quiz")
    category: tuple[str, ...] | None = None
    for question in questions:
        if question.category != category:
            category_element = SubElement(SubElement(quiz, "question", type="category"), "category")
            _add_text(category_element, category_path_format(question.category))
            category = question.category
        _add_question(quiz, question)
    indent(quiz)
    return tostring(quiz, encoding="UTF-8", xml_declaration=True) + b"\n"


# Reading


class _LineNumberingTreeBuilder(TreeBuilder):
    """Remembers the line of each start tag, which ElementTree does not keep."""

    def __init__(self) -> None:
        super().__init__()
        self.expat: Any = None  # set once the parser that feeds this builder exists
        self.lines: dict[Element, int] = {}

    def start(self, tag: str, attrs: dict[str, str], /) -> Element:
        element = super().start(tag, attrs)
        self.lines[element] = self.expat.CurrentLineNumber
        return element


def _parse_tree(data: bytes) -> tuple[Element, dict[Element, int]]:
    builder = _LineNumberingTreeBuilder()
    parser = DefusedXMLParser(target=builder, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    builder.expat = parser.parser
    try:
        parser.feed(data)
        root: Element = parser.close()
    except DefusedXmlException:
        raise FormatError(parser.parser.CurrentLineNumber, DTD_REFUSED) from None
    except ParseError as error:
        line, column = error.position
        raise FormatError(line, f"malformed XML: {_expat_message(error)} (column {column + 1})") from None
    return root, builder.lines


def _expat_message(error: ParseError) -> str:
    # str(error) ends with expat's own "line L, column C", which FormatError says better.
    return str(error).split(": line ", 1)[0]


class _QuestionReader:
    def __init__(self, lines: Mapping[Element, int]) -> None:
        self.lines = lines

    def fail(self, element: Element, reason: str) -> NoReturn:
        raise FormatError(self.lines.get(element, 1), reason)

    def question(self, element: Element, category: tuple[str, ...]) -> ParsedQuestion:
        type_name = element.get("type", "")
        if type_name == "multichoice":
            single = self.flag(element, "single", default=True)
            kind = QuestionKind.SINGLE_CHOICE if single else QuestionKind.MULTIPLE_RESPONSE
        elif type_name in _KIND_BY_TYPE:
            kind = _KIND_BY_TYPE[type_name]
        else:
            self.fail(element, f"question type {type_name!r} is not supported")
        stem = self.text(element, "questiontext")
        if not stem:
            self.fail(element, "the question has no text")
        answers: tuple[ParsedAnswer, ...] = ()
        matches: tuple[ParsedMatch, ...] = ()
        if kind in _CHOICE_KINDS:
            answers = self.answers(element, minimum=2)
        elif kind is QuestionKind.SHORT_ANSWER:
            answers = self.answers(element, minimum=1)
        elif kind is QuestionKind.TRUE_FALSE:
            answers = self.true_false(element)
        elif kind is QuestionKind.NUMERICAL:
            answers = self.numerical_answers(element)
        elif kind is QuestionKind.MATCHING:
            matches = self.matching_pairs(element)
        shuffled = kind in _SHUFFLED_KINDS
        case_sensitive = kind is QuestionKind.SHORT_ANSWER and self.flag(element, "usecase", default=False)
        return ParsedQuestion(
            kind=kind,
            stem=stem,
            name=self.text(element, "name"),
            stem_format=self.text_format(element),
            general_feedback=self.text(element, "generalfeedback"),
            answers=answers,
            matches=matches,
            category=category,
            shuffle_answers=self.flag(element, "shuffleanswers", default=True) if shuffled else True,
            case_sensitive=case_sensitive,
            default_mark=self.decimal(element, "defaultgrade", DEFAULT_MARK),
            penalty=self.decimal(element, "penalty", DEFAULT_PENALTY),
        )

    def text(self, parent: Element, tag: str) -> str:
        """The <text> inside `parent`'s <tag>; "" when either is absent."""
        container = parent.find(tag)
        if container is None:
            return ""
        return self.own_text(container)

    def own_text(self, container: Element) -> str:
        text_element = container.find("text")
        if text_element is None:
            return ""
        if len(text_element):
            self.fail(text_element, "<text> contains elements; Moodle XML wraps HTML in CDATA")
        raw = (text_element.text or "").replace("\r\n", "\n").replace("\r", "\n")
        return raw.strip(LAYOUT_WHITESPACE)

    def text_format(self, element: Element) -> TextFormat:
        container = element.find("questiontext")
        name = "moodle_auto_format" if container is None else container.get("format", "moodle_auto_format")
        if name not in _FORMAT_BY_NAME:
            self.fail(element if container is None else container, f"unknown text format {name!r}")
        return _FORMAT_BY_NAME[name]

    def flag(self, element: Element, tag: str, *, default: bool) -> bool:
        child = element.find(tag)
        if child is None:
            return default
        written = (child.text or "").strip(LAYOUT_WHITESPACE).lower()
        if written in _TRUE_WORDS:
            return True
        if written in _FALSE_WORDS:
            return False
        self.fail(child, f"<{tag}> is {written!r}; expected true, false, 1 or 0")

    def decimal(self, element: Element, tag: str, default: Decimal) -> Decimal:
        child = element.find(tag)
        if child is None:
            return default
        written = (child.text or "").strip(LAYOUT_WHITESPACE)
        value = parse_decimal(written)
        if value is None:
            self.fail(child, f"<{tag}> {written!r} is not a number")
        return value

    def fraction(self, answer: Element) -> Decimal:
        written = answer.get("fraction", "0").strip(LAYOUT_WHITESPACE)
        percent = parse_decimal(written)
        if percent is None:
            self.fail(answer, f"the answer fraction {written!r} is not a number")
        if not -_HUNDRED <= percent <= _HUNDRED:
            self.fail(answer, f"the answer fraction {written} is outside -100 to 100")
        return fraction_from_percent(percent)

    def answers(self, element: Element, *, minimum: int) -> tuple[ParsedAnswer, ...]:
        answers: list[ParsedAnswer] = []
        for answer in element.findall("answer"):
            text = self.own_text(answer)
            if not text:
                self.fail(answer, "an answer has no text")
            answers.append(ParsedAnswer(text, self.fraction(answer), self.text(answer, "feedback")))
        if len(answers) < minimum:
            self.fail(
                element, f"a {element.get('type')} question needs at least {minimum} answers, found {len(answers)}"
            )
        return tuple(answers)

    def true_false(self, element: Element) -> tuple[ParsedAnswer, ...]:
        answers = {
            answer.text: answer
            for answer in (
                ParsedAnswer(self.own_text(written).lower(), self.fraction(written), self.text(written, "feedback"))
                for written in element.findall("answer")
            )
        }
        fractions = sorted(answer.fraction for answer in answers.values())
        if len(element.findall("answer")) != 2 or set(answers) != {"true", "false"} or fractions != [0, 1]:
            self.fail(element, "a truefalse question needs a 'true' and a 'false' answer, one at 100 and one at 0")
        return answers["true"], answers["false"]

    def numerical_answers(self, element: Element) -> tuple[ParsedAnswer, ...]:
        answers: list[ParsedAnswer] = []
        for answer in element.findall("answer"):
            value = self.own_text(answer)
            if value != _ANY_OTHER_NUMBER and parse_decimal(value) is None:
                self.fail(answer, f"the numerical answer {value!r} is not a number")
            # Moodle ignores any tolerance written on "*".
            tolerance = Decimal(0) if value == _ANY_OTHER_NUMBER else self.decimal(answer, "tolerance", Decimal(0))
            if tolerance < 0:
                self.fail(answer, f"the tolerance {format_decimal(tolerance)} is negative")
            answers.append(ParsedAnswer(value, self.fraction(answer), self.text(answer, "feedback"), tolerance))
        if not answers:
            self.fail(element, "a numerical question needs at least 1 answer")
        return tuple(answers)

    def matching_pairs(self, element: Element) -> tuple[ParsedMatch, ...]:
        pairs = tuple(
            ParsedMatch(question=self.own_text(subquestion), answer=self.text(subquestion, "answer"))
            for subquestion in element.findall("subquestion")
        )
        if any(not pair.answer for pair in pairs):
            self.fail(element, "a matching pair has no answer")
        if problem := matching_pairs_problem(pairs):
            self.fail(element, problem)
        return pairs


# Writing


def _add_question(quiz: Element, question: ParsedQuestion) -> None:
    element = SubElement(quiz, "question", type=_TYPE_BY_KIND[question.kind])
    text_format = _NAME_BY_FORMAT[question.stem_format]
    _add_text(SubElement(element, "name"), question.name)
    _add_text(SubElement(element, "questiontext", format=text_format), question.stem)
    _add_text(SubElement(element, "generalfeedback", format=text_format), question.general_feedback)
    SubElement(element, "defaultgrade").text = format_decimal(question.default_mark)
    SubElement(element, "penalty").text = format_decimal(question.penalty)
    SubElement(element, "hidden").text = "0"
    kind = question.kind
    if kind in _CHOICE_KINDS:
        SubElement(element, "single").text = _flag(question.single)
    if kind in _SHUFFLED_KINDS:
        SubElement(element, "shuffleanswers").text = _flag(question.shuffle_answers)
    if kind is QuestionKind.SHORT_ANSWER:
        SubElement(element, "usecase").text = "1" if question.case_sensitive else "0"
    for answer in question.answers:
        answer_element = SubElement(
            element, "answer", fraction=format_decimal(answer.fraction.scaleb(2)), format=text_format
        )
        _add_text(answer_element, answer.text)
        if kind is QuestionKind.NUMERICAL:
            SubElement(answer_element, "tolerance").text = format_decimal(answer.tolerance or Decimal(0))
        _add_text(SubElement(answer_element, "feedback", format=text_format), answer.feedback)
    for pair in question.matches:
        subquestion = SubElement(element, "subquestion", format=text_format)
        _add_text(subquestion, pair.question)
        _add_text(SubElement(subquestion, "answer"), pair.answer)


def _add_text(parent: Element, text: str) -> None:
    if _NOT_IN_XML.search(text):
        raise NotRepresentableError(f"XML 1.0 cannot hold the control characters in {text!r}")
    SubElement(parent, "text").text = text


def _flag(value: bool) -> str:
    return "true" if value else "false"
