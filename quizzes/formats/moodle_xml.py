"""Moodle XML: `parse_moodle_xml` and `write_moodle_xml`.

The format is the one Moodle documents (docs.moodle.org/en/Moodle_XML_format):
a <quiz> of <question type="..."> elements, where type="category"
pseudo-questions set the category (a full path such as
"$course$/top/Parents/Visits") of the questions that follow them.

Read: multichoice (single or multiple answers), truefalse, shortanswer,
numerical (units are ignored), matching, essay and description, with their
name, text and format, general feedback, answers with fractions and
feedback, each text with its own format, shuffling, case sensitivity,
default mark and penalty; an essay's options (response format, whether a
response is required, its lines, word limits, attachments, grader
information, response template); a category's description (<info>).
Anything else Moodle writes (hints, tags, id numbers, combined feedback,
units, files) is not kept, and `ParsedFile.not_kept` says so, with where.
A file with any other question type is refused, with the line of that
question: a silent partial import would look complete.

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
    ESSAY_DEFAULTS,
    LAYOUT_WHITESPACE,
    UNLIMITED_ATTACHMENTS,
    EssayOptions,
    FormatError,
    NotRepresentableError,
    ParsedAnswer,
    ParsedCategory,
    ParsedFile,
    ParsedMatch,
    ParsedQuestion,
    QuestionKind,
    ResponseFormat,
    TextFormat,
    matching_pairs_problem,
    own_format,
)
from quizzes.formats.types import (
    not_kept_note as _not_kept_note,
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
# Elements Moodle writes that the bank has no place for, and how to name them to a trainer.
_NOT_KEPT = {
    "hint": "hints",
    "tags": "tags",
    "idnumber": "ID numbers",
    "correctfeedback": "combined feedback",
    "partiallycorrectfeedback": "combined feedback",
    "incorrectfeedback": "combined feedback",
    "units": "units",
    "file": "embedded files",
}
# Characters XML 1.0 cannot hold at all, even escaped.
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def parse_moodle_xml(data: bytes) -> list[ParsedQuestion]:
    """The questions in a Moodle XML file, in order (`parse_moodle_xml_file` without the categories)."""
    return list(parse_moodle_xml_file(data).questions)


def parse_moodle_xml_file(data: bytes) -> ParsedFile:
    """The questions in a Moodle XML file, in order, and the categories its
    category pseudo-questions name, each once, with their descriptions (the
    top category only when the file describes it).

    Raises FormatError, with the line of the offending element, for XML
    that is malformed, carries a DTD, or describes a question this module
    does not read.
    """
    root, lines = _parse_tree(data)
    reader = _QuestionReader(lines)
    if root.tag != "quiz":
        reader.fail(root, f"the root element is <{root.tag}>, not <quiz>")
    questions: list[ParsedQuestion] = []
    named: dict[tuple[str, ...], ParsedCategory] = {}
    category: tuple[str, ...] = ()
    for element in root:
        if element.tag != "question":
            reader.fail(element, f"expected <question>, found <{element.tag}>")
        if element.get("type") == "category":
            category = category_path_parse(reader.text(element, "category"))
            described = reader.category(element, category)
            if described.info or (category and category not in named):
                # A later description of the same category wins over none.
                named[category] = described if described.info or category not in named else named[category]
        else:
            questions.append(reader.question(element, category))
        reader.note_what_is_not_kept(element)
    return ParsedFile(tuple(questions), tuple(named.values()), reader.not_kept())


def write_moodle_xml(questions: Iterable[ParsedQuestion], categories: Iterable[ParsedCategory] = ()) -> bytes:
    """Moodle XML that `parse_moodle_xml_file` reads back as the same questions.

    Each change of category is written as a category pseudo-question with
    the full path, as Moodle's export does, with its description when
    `categories` gives one; `categories` that no question is in are written
    at the end, so that importing the file creates them too. Raises
    NotRepresentableError for text containing characters XML 1.0 forbids.
    """
    described = {category.path: category for category in categories}
    quiz = Element("quiz")
    category: tuple[str, ...] | None = None
    written: set[tuple[str, ...]] = set()
    for question in questions:
        if question.category != category:
            category = question.category
            _add_category(quiz, described.get(category, ParsedCategory(category)))
            written.add(category)
        _add_question(quiz, question)
    for empty in described.values():
        if empty.path not in written:
            _add_category(quiz, empty)
            written.add(empty.path)
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
        self.unkept: dict[str, tuple[int, int]] = {}  # what: (first line, how many questions)

    def note_what_is_not_kept(self, element: Element) -> None:
        seen = {
            _NOT_KEPT[child.tag]: self.lines.get(child, 1)
            for child in element.iter()
            if child.tag in _NOT_KEPT and "".join(child.itertext()).strip(LAYOUT_WHITESPACE)
        }
        for what, line in seen.items():
            first, count = self.unkept.get(what, (line, 0))
            self.unkept[what] = (first, count + 1)

    def not_kept(self) -> tuple[str, ...]:
        return tuple(_not_kept_note(what, line, count) for what, (line, count) in self.unkept.items())

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
        stem_format = self.text_format(element)
        answers: tuple[ParsedAnswer, ...] = ()
        matches: tuple[ParsedMatch, ...] = ()
        if kind in _CHOICE_KINDS:
            answers = self.answers(element, stem_format, minimum=2, shown=True)
        elif kind is QuestionKind.SHORT_ANSWER:
            answers = self.answers(element, stem_format, minimum=1, shown=False)
        elif kind is QuestionKind.TRUE_FALSE:
            answers = self.true_false(element, stem_format)
        elif kind is QuestionKind.NUMERICAL:
            answers = self.numerical_answers(element, stem_format)
        elif kind is QuestionKind.MATCHING:
            matches = self.matching_pairs(element, stem_format)
        shuffled = kind in _SHUFFLED_KINDS
        case_sensitive = kind is QuestionKind.SHORT_ANSWER and self.flag(element, "usecase", default=False)
        general_feedback, general_feedback_format = self.formatted(element, "generalfeedback", stem_format)
        return ParsedQuestion(
            kind=kind,
            stem=stem,
            name=self.text(element, "name"),
            stem_format=stem_format,
            general_feedback=general_feedback,
            general_feedback_format=general_feedback_format,
            answers=answers,
            matches=matches,
            category=category,
            shuffle_answers=self.flag(element, "shuffleanswers", default=True) if shuffled else True,
            case_sensitive=case_sensitive,
            default_mark=self.decimal(element, "defaultgrade", DEFAULT_MARK),
            penalty=self.decimal(element, "penalty", DEFAULT_PENALTY),
            essay=self.essay_options(element) if kind is QuestionKind.ESSAY else ESSAY_DEFAULTS,
        )

    def category(self, element: Element, path: tuple[str, ...]) -> ParsedCategory:
        info = self.text(element, "info")
        return ParsedCategory(path, info, self.container_format(element, "info", TextFormat.MOODLE))

    def essay_options(self, element: Element) -> EssayOptions:
        """Moodle's essay settings; an element left out keeps the default Moodle would give it."""
        defaults = ESSAY_DEFAULTS
        written = (element.findtext("responseformat") or "").strip(LAYOUT_WHITESPACE)
        if written and written not in {item.value for item in ResponseFormat}:
            choices = ", ".join(item.value for item in ResponseFormat)
            self.fail(self.child_or(element, "responseformat"), f"<responseformat> is {written!r}; expected {choices}")
        attachments = self.integer(element, "attachments", defaults.attachments, minimum=UNLIMITED_ATTACHMENTS)
        return EssayOptions(
            response_format=ResponseFormat(written) if written else defaults.response_format,
            response_required=self.flag(element, "responserequired", default=defaults.response_required),
            response_field_lines=self.integer(element, "responsefieldlines", defaults.response_field_lines, minimum=1),
            min_word_limit=self.optional_integer(element, "minwordlimit"),
            max_word_limit=self.optional_integer(element, "maxwordlimit"),
            attachments=attachments,
            attachments_required=self.integer(element, "attachmentsrequired", defaults.attachments_required, minimum=0),
            grader_info=self.text(element, "graderinfo"),
            grader_info_format=self.container_format(element, "graderinfo", defaults.grader_info_format),
            response_template=self.text(element, "responsetemplate"),
            response_template_format=self.container_format(
                element, "responsetemplate", defaults.response_template_format
            ),
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
        return self.container_format(element, "questiontext", TextFormat.MOODLE)

    def container_format(self, parent: Element, tag: str, default: TextFormat) -> TextFormat:
        """The format attribute of `parent`'s <tag>, `default` when either is absent."""
        container = parent.find(tag)
        return default if container is None else self.element_format(container, default)

    def element_format(self, container: Element, default: TextFormat) -> TextFormat:
        name = container.get("format")
        if name is None:
            return default
        if name not in _FORMAT_BY_NAME:
            self.fail(container, f"unknown text format {name!r}")
        return _FORMAT_BY_NAME[name]

    def formatted(self, parent: Element, tag: str, stem_format: TextFormat) -> tuple[str, TextFormat | None]:
        """The text of `parent`'s <tag> and its own format (None: the stem's)."""
        text = self.text(parent, tag)
        return text, own_format(self.container_format(parent, tag, stem_format), stem_format, text=text)

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

    def integer(self, element: Element, tag: str, default: int, *, minimum: int) -> int:
        value = self.optional_integer(element, tag)
        if value is None:
            return default
        if value < minimum:
            self.fail(self.child_or(element, tag), f"<{tag}> is {value}; the least it can be is {minimum}")
        return value

    @staticmethod
    def child_or(element: Element, tag: str) -> Element:
        """`element`'s <tag>, or `element` itself: where to point a message."""
        child = element.find(tag)
        return element if child is None else child

    def optional_integer(self, element: Element, tag: str) -> int | None:
        """A whole number, or None when the element is absent or empty (Moodle's "no limit")."""
        child = element.find(tag)
        if child is None:
            return None
        written = (child.text or "").strip(LAYOUT_WHITESPACE)
        if not written:
            return None
        if not re.fullmatch(r"[+-]?[0-9]+", written):
            self.fail(child, f"<{tag}> {written!r} is not a whole number")
        return int(written)

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

    def answers(
        self, element: Element, stem_format: TextFormat, *, minimum: int, shown: bool
    ) -> tuple[ParsedAnswer, ...]:
        """Choices (`shown`, so their format is kept) or short answers (matched, so theirs is not)."""
        answers: list[ParsedAnswer] = []
        for answer in element.findall("answer"):
            text = self.own_text(answer)
            if not text:
                self.fail(answer, "an answer has no text")
            feedback, feedback_format = self.formatted(answer, "feedback", stem_format)
            text_format = own_format(self.element_format(answer, stem_format), stem_format, text=text)
            answers.append(
                ParsedAnswer(
                    text,
                    self.fraction(answer),
                    feedback,
                    text_format=text_format if shown else None,
                    feedback_format=feedback_format,
                )
            )
        if len(answers) < minimum:
            self.fail(
                element, f"a {element.get('type')} question needs at least {minimum} answers, found {len(answers)}"
            )
        return tuple(answers)

    def true_false(self, element: Element, stem_format: TextFormat) -> tuple[ParsedAnswer, ...]:
        answers: dict[str, ParsedAnswer] = {}
        for written in element.findall("answer"):
            feedback, feedback_format = self.formatted(written, "feedback", stem_format)
            text = self.own_text(written).lower()
            answers[text] = ParsedAnswer(text, self.fraction(written), feedback, feedback_format=feedback_format)
        fractions = sorted(answer.fraction for answer in answers.values())
        if len(element.findall("answer")) != 2 or set(answers) != {"true", "false"} or fractions != [0, 1]:
            self.fail(element, "a truefalse question needs a 'true' and a 'false' answer, one at 100 and one at 0")
        return answers["true"], answers["false"]

    def numerical_answers(self, element: Element, stem_format: TextFormat) -> tuple[ParsedAnswer, ...]:
        answers: list[ParsedAnswer] = []
        for answer in element.findall("answer"):
            value = self.own_text(answer)
            if value != _ANY_OTHER_NUMBER and parse_decimal(value) is None:
                self.fail(answer, f"the numerical answer {value!r} is not a number")
            # Moodle ignores any tolerance written on "*".
            tolerance = Decimal(0) if value == _ANY_OTHER_NUMBER else self.decimal(answer, "tolerance", Decimal(0))
            if tolerance < 0:
                self.fail(answer, f"the tolerance {format_decimal(tolerance)} is negative")
            feedback, feedback_format = self.formatted(answer, "feedback", stem_format)
            answers.append(
                ParsedAnswer(value, self.fraction(answer), feedback, tolerance, feedback_format=feedback_format)
            )
        if not answers:
            self.fail(element, "a numerical question needs at least 1 answer")
        return tuple(answers)

    def matching_pairs(self, element: Element, stem_format: TextFormat) -> tuple[ParsedMatch, ...]:
        pairs = tuple(
            ParsedMatch(
                question=(left := self.own_text(subquestion)),
                answer=self.text(subquestion, "answer"),
                question_format=own_format(self.element_format(subquestion, stem_format), stem_format, text=left),
            )
            for subquestion in element.findall("subquestion")
        )
        if any(not pair.answer for pair in pairs):
            self.fail(element, "a matching pair has no answer")
        if problem := matching_pairs_problem(pairs):
            self.fail(element, problem)
        return pairs


# Writing


def _add_category(quiz: Element, category: ParsedCategory) -> None:
    element = SubElement(quiz, "question", type="category")
    _add_text(SubElement(element, "category"), category_path_format(category.path))
    if category.info:
        _add_text(SubElement(element, "info", format=_NAME_BY_FORMAT[category.info_format]), category.info)


def _format_name(part: TextFormat | None, stem: TextFormat) -> str:
    return _NAME_BY_FORMAT[part or stem]


def _add_question(quiz: Element, question: ParsedQuestion) -> None:
    element = SubElement(quiz, "question", type=_TYPE_BY_KIND[question.kind])
    stem_format = question.stem_format
    text_format = _NAME_BY_FORMAT[stem_format]
    _add_text(SubElement(element, "name"), question.name)
    _add_text(SubElement(element, "questiontext", format=text_format), question.stem)
    _add_text(
        SubElement(element, "generalfeedback", format=_format_name(question.general_feedback_format, stem_format)),
        question.general_feedback,
    )
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
    if kind is QuestionKind.ESSAY:
        _add_essay_options(element, question.essay)
    for answer in question.answers:
        answer_format = _format_name(answer.text_format if kind in _CHOICE_KINDS else None, stem_format)
        answer_element = SubElement(
            element, "answer", fraction=format_decimal(answer.fraction.scaleb(2)), format=answer_format
        )
        _add_text(answer_element, answer.text)
        if kind is QuestionKind.NUMERICAL:
            SubElement(answer_element, "tolerance").text = format_decimal(answer.tolerance or Decimal(0))
        feedback_format = _format_name(answer.feedback_format, stem_format)
        _add_text(SubElement(answer_element, "feedback", format=feedback_format), answer.feedback)
    for pair in question.matches:
        subquestion = SubElement(element, "subquestion", format=_format_name(pair.question_format, stem_format))
        _add_text(subquestion, pair.question)
        _add_text(SubElement(subquestion, "answer"), pair.answer)


def _add_essay_options(element: Element, options: EssayOptions) -> None:
    """In the order Moodle's exporter writes them."""
    SubElement(element, "responseformat").text = options.response_format.value
    SubElement(element, "responserequired").text = "1" if options.response_required else "0"
    SubElement(element, "responsefieldlines").text = str(options.response_field_lines)
    SubElement(element, "minwordlimit").text = "" if options.min_word_limit is None else str(options.min_word_limit)
    SubElement(element, "maxwordlimit").text = "" if options.max_word_limit is None else str(options.max_word_limit)
    SubElement(element, "attachments").text = str(options.attachments)
    SubElement(element, "attachmentsrequired").text = str(options.attachments_required)
    grader_info = SubElement(element, "graderinfo", format=_NAME_BY_FORMAT[options.grader_info_format])
    _add_text(grader_info, options.grader_info)
    template = SubElement(element, "responsetemplate", format=_NAME_BY_FORMAT[options.response_template_format])
    _add_text(template, options.response_template)


def _add_text(parent: Element, text: str) -> None:
    if _NOT_IN_XML.search(text):
        raise NotRepresentableError(f"XML 1.0 cannot hold the control characters in {text!r}")
    SubElement(parent, "text").text = text


def _flag(value: bool) -> str:
    return "true" if value else "false"
