"""GIFT, Moodle's plain-text question format: `parse_gift` and `write_gift`.

The grammar is the one Moodle documents (docs.moodle.org/en/GIFT_format):

- Questions are separated by blank lines; lines starting with `//` are
  comments; a `$CATEGORY: $course$/top/A/B` line sets the category of the
  questions after it.
- `::name::` opens a question, `[html]`, `[moodle]`, `[plain]` or
  `[markdown]` may open its text, and the answers sit in one `{...}` block,
  after the text or inside it ("missing word": the stem keeps `_____` there).
- In the block: `=right ~wrong` (choice), `~%50%` and `~%-100%` weights,
  `#feedback` after an answer, `####general feedback`, `{T}` `{TRUE}` `{F}`
  `{FALSE}` with `#feedback if wrong#feedback if right`, `{=a =b}` short
  answers, `{=a -> b}` matching, `{#3.14:0.01}`, `{#1..5}` and `{#=%50%3:1}`
  numerical, `~#feedback` after numerical answers for any other number,
  `{}` essay; a question without a block is a description.
- `\\~ \\= \\# \\{ \\} \\:` are literal characters, `\\n` a line break and
  `\\\\` a backslash; a backslash before anything else is itself.

Where the documentation is silent we follow what Moodle's importer and
exporter do (how a block's type is recognised, which answers make a choice
question single, `{Paris}` as a lone short answer, `*` as "any other
number" or "any other answer", `= -> x` as a matching distractor, a format
tag on any answer, feedback or left side, `=%100%answer#` with an empty
feedback), and otherwise refuse with a FormatError rather than guess.
Choices of our own:

- A line break inside a question is kept as "\\n" (Moodle keeps it too), but
  the indentation around it is layout and dropped, except on lines that
  start inside a `<pre>` element, whose indentation is content.
- A part's format tag is kept as that part's own format (see
  `quizzes.formats.types`); on short answers and numbers, which are matched
  rather than shown, it is read and dropped, as Moodle does.
- In a numerical block, text between the `~` and its `#` (`{#=1 ~2#No}`)
  is refused: Moodle ignores it, so the author meant something the question
  would not do.
- `{T}`, `{TRUE}`, `{F}` and `{FALSE}` are recognised in capitals only, as
  documented; `{true}` is a short answer.
- A `$CATEGORY:` line also ends the question above it, so a forgotten blank
  line does not fold the directive into a question's text.
"""

import re
from collections.abc import Iterable, Iterator
from decimal import Decimal
from itertools import pairwise
from typing import NamedTuple, NoReturn

from quizzes.formats.category_path import category_path_format, category_path_parse
from quizzes.formats.numbers import format_decimal, fraction_from_percent, parse_decimal
from quizzes.formats.types import (
    LAYOUT_WHITESPACE,
    MISSING_WORD_BLANK,
    FormatError,
    NotRepresentableError,
    ParsedAnswer,
    ParsedCategory,
    ParsedFile,
    ParsedMatch,
    ParsedQuestion,
    QuestionKind,
    TextFormat,
    matching_pairs_problem,
    not_kept_note,
    own_format,
)

_CATEGORY_DIRECTIVE = "$CATEGORY:"
_FORMAT_TAG = re.compile(r"\[(html|moodle|plain|markdown)\]")
_UNESCAPED = {"~": "~", "=": "=", "#": "#", "{": "{", "}": "}", ":": ":", "\\": "\\", "n": "\n"}
_TRUE_FALSE_KEYWORDS = {"T": True, "TRUE": True, "F": False, "FALSE": False}
_GENERAL_FEEDBACK = "####"
_PAIR_ARROW = "->"
_ANY_OTHER = "*"
_CATCH_ALL = "~"  # in a numerical block: the feedback for any other number
# Moodle's exporter writes a question's ID number and tags in a comment: "// [id:q1] [tag:visits]".
_COMMENT_FIELD = re.compile(r"\[(id|tag):")
_COMMENT_FIELD_NAMES = {"id": "ID numbers", "tag": "tags"}
# An opening or closing <pre> tag, to know which lines keep their indentation.
_PRE_TAG = re.compile(r"<(/?)pre(?=[\s>])", re.IGNORECASE)
_FULL_MARK = Decimal(1)
_NO_MARK = Decimal(0)
_MIN_CHOICES = 2


class _Chunk(NamedTuple):
    line: int  # 1-based line where the question (or directive) starts
    text: str
    is_category: bool


class _AnswerBlock(NamedTuple):
    kind: QuestionKind
    answers: tuple[ParsedAnswer, ...] = ()
    matches: tuple[ParsedMatch, ...] = ()


def parse_gift(text: str) -> list[ParsedQuestion]:
    """The questions in a GIFT file, in order (`parse_gift_file` without the categories)."""
    return list(parse_gift_file(text).questions)


def parse_gift_file(text: str) -> ParsedFile:
    """The questions in a GIFT file, in order, and the categories its
    `$CATEGORY:` lines name, below the top (which needs no creating, and
    GIFT gives no category a description).

    Raises FormatError for the first question that cannot be read, with the
    line on which that question starts.
    """
    questions: list[ParsedQuestion] = []
    named: dict[tuple[str, ...], ParsedCategory] = {}
    category: tuple[str, ...] = ()
    for chunk in _chunks(text):
        if chunk.is_category:
            category = category_path_parse(chunk.text)
            if category:
                named.setdefault(category, ParsedCategory(category))
        else:
            questions.append(_QuestionReader(chunk.line).read(chunk.text, category))
    return ParsedFile(tuple(questions), tuple(named.values()), _not_kept(text))


def _not_kept(text: str) -> tuple[str, ...]:
    """ID numbers and tags in comments, which the bank has no place for."""
    found: dict[str, tuple[int, int]] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip(LAYOUT_WHITESPACE).startswith("//"):
            continue
        for field in _COMMENT_FIELD.finditer(line):
            what = _COMMENT_FIELD_NAMES[field.group(1)]
            first, count = found.get(what, (number, 0))
            found[what] = (first, count + 1)
    return tuple(not_kept_note(what, line, count) for what, (line, count) in found.items())


def write_gift(questions: Iterable[ParsedQuestion], categories: Iterable[ParsedCategory] = ()) -> str:
    """GIFT that `parse_gift_file` reads back as the same questions.

    Settings GIFT has no syntax for (shuffling, case sensitivity, default
    mark, penalty, an essay's options, a category's description) are left
    out, as Moodle's own export does, and read back as the defaults.
    `categories` that no question is in are written as `$CATEGORY:` lines
    at the end, so that importing the file creates them too.

    Raises NotRepresentableError for content GIFT cannot hold rather than
    drop it: general feedback on a description, a short answer containing
    "->", a matching question whose left side does, a carriage return in
    any text.
    """
    written: list[str] = []
    category: tuple[str, ...] = ()
    used: set[tuple[str, ...]] = {()}
    for question in questions:
        if question.category != category:
            written.append(f"{_CATEGORY_DIRECTIVE} {category_path_format(question.category)}")
            category = question.category
        used.add(category)
        written.append(_write_question(question))
    for empty in categories:
        if empty.path not in used:
            written.append(f"{_CATEGORY_DIRECTIVE} {category_path_format(empty.path)}")
            used.add(empty.path)
    return "".join(f"{part}\n\n" for part in written)


# Reading


def _chunks(text: str) -> Iterator[_Chunk]:
    """Questions and category directives with their starting lines, comments removed."""
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    pending: list[str] = []
    start = 0
    in_pre = False
    for number, line in enumerate(lines, start=1):
        content = line.strip(LAYOUT_WHITESPACE)
        if content.startswith("//"):
            continue  # a comment line does not end a question, as in Moodle
        if not content or content.startswith(_CATEGORY_DIRECTIVE):
            if pending:
                yield _Chunk(start, "\n".join(pending), is_category=False)
                pending = []
                in_pre = False
            if content:
                yield _Chunk(number, content.removeprefix(_CATEGORY_DIRECTIVE), is_category=True)
            continue
        if not pending:
            start = number
        # Inside <pre> a line's indentation is what the author typed to be seen.
        pending.append(line.rstrip(LAYOUT_WHITESPACE) if in_pre else content)
        for tag in _PRE_TAG.finditer(content):
            in_pre = not tag.group(1)
    if pending:
        yield _Chunk(start, "\n".join(pending), is_category=False)


class _QuestionReader:
    """Reads one question's text; every failure names the question's line."""

    def __init__(self, line: int) -> None:
        self.line = line
        self.text_format = TextFormat.MOODLE

    def fail(self, reason: str) -> NoReturn:
        raise FormatError(self.line, reason)

    def read(self, raw: str, category: tuple[str, ...]) -> ParsedQuestion:
        name, raw = self.split_name(raw.strip(LAYOUT_WHITESPACE))
        raw = raw.lstrip(LAYOUT_WHITESPACE)
        if tag := _FORMAT_TAG.match(raw):
            self.text_format = TextFormat(tag.group(1))
            raw = raw[tag.end() :]

        opening = _find(raw, "{")
        closing = _find(raw, "}")
        if closing >= 0 and (opening < 0 or closing < opening):
            self.fail("'}' without an opening '{'")
        if opening < 0:
            return ParsedQuestion(
                kind=QuestionKind.DESCRIPTION,
                stem=self.stem(raw),
                name=name,
                stem_format=self.text_format,
                category=category,
            )
        closing = _find(raw, "}", opening + 1)
        if closing < 0:
            self.fail("missing closing brace '}'")
        if 0 <= _find(raw, "{", opening + 1) < closing:
            self.fail("'{' inside an answer block; write a literal brace as '\\{'")
        before, block, after = raw[:opening], raw[opening + 1 : closing], raw[closing + 1 :]
        if _find(after, "{") >= 0:
            self.fail("more than one answer block")
        if _find(after, "}") >= 0:
            self.fail("'}' without an opening '{'")
        # Text after the block makes it a missing-word question; a block that
        # merely ends the text leaves no blank (Moodle's rule).
        missing_word = bool(after.strip(LAYOUT_WHITESPACE))
        stem = self.stem(before + MISSING_WORD_BLANK + after if missing_word else before)

        general_feedback, general_feedback_format = "", None
        feedback_at = _find(block, _GENERAL_FEEDBACK)
        if feedback_at >= 0:
            general_feedback, general_feedback_format = self.formatted(block[feedback_at + len(_GENERAL_FEEDBACK) :])
            block = block[:feedback_at]
        answers = self.answer_block(block.strip(LAYOUT_WHITESPACE))
        return ParsedQuestion(
            kind=answers.kind,
            stem=stem,
            name=name,
            stem_format=self.text_format,
            general_feedback=general_feedback,
            general_feedback_format=general_feedback_format,
            answers=answers.answers,
            matches=answers.matches,
            category=category,
        )

    def split_name(self, raw: str) -> tuple[str, str]:
        if not raw.startswith("::"):
            return "", raw
        end = _find(raw, "::", 2)
        if end < 0:
            self.fail("the question name has no closing '::'")
        return _text(raw[2:end]), raw[end + 2 :]

    def stem(self, raw: str) -> str:
        stem = _text(raw)
        if not stem:
            self.fail("the question has no text")
        return stem

    def formatted(self, raw: str) -> tuple[str, TextFormat | None]:
        """A text behind its own format tag, if any (`=[html]<b>yes</b>`), and
        that format when it is not the question's."""
        raw = raw.lstrip(LAYOUT_WHITESPACE)
        text_format: TextFormat | None = None
        if tag := _FORMAT_TAG.match(raw):
            text_format = TextFormat(tag.group(1))
            raw = raw[tag.end() :]
        text = _text(raw)
        return text, own_format(text_format, self.text_format, text=text)

    def answer_block(self, raw: str) -> _AnswerBlock:
        """Recognises the question type the way Moodle's importer does, in its order."""
        if not raw:
            return _AnswerBlock(QuestionKind.ESSAY)
        if raw.startswith("#"):
            return _AnswerBlock(QuestionKind.NUMERICAL, answers=self.numerical_answers(raw[1:]))
        leading, marked = _split_answers(raw)
        markers = {marker for marker, _ in marked}
        is_choice = "~" in markers
        is_matching = not is_choice and "=" in markers and _find(raw, _PAIR_ARROW) >= 0
        keyword = _split_unescaped(raw, "#")[0].strip(LAYOUT_WHITESPACE)
        if not (is_choice or is_matching) and keyword in _TRUE_FALSE_KEYWORDS:
            return _AnswerBlock(QuestionKind.TRUE_FALSE, answers=self.true_false(raw))
        if not marked:
            # Moodle's documented shorthand for a single right short answer: {Paris}
            marked = [("=", leading)]
        elif leading:
            self.fail(f"text {_text(leading)!r} before the first '=' or '~'")
        if is_choice:
            return self.choice(marked)
        if is_matching:
            return _AnswerBlock(QuestionKind.MATCHING, matches=self.matching_pairs(marked))
        return _AnswerBlock(
            QuestionKind.SHORT_ANSWER,
            answers=tuple(
                self.weighted_answer(body, _FULL_MARK, number, shown=False) for number, (_, body) in _numbered(marked)
            ),
        )

    def choice(self, marked: list[tuple[str, str]]) -> _AnswerBlock:
        if len(marked) < _MIN_CHOICES:
            self.fail(f"a multiple-choice question needs at least {_MIN_CHOICES} answers, found {len(marked)}")
        answers = tuple(
            self.weighted_answer(body, _FULL_MARK if marker == "=" else _NO_MARK, number, shown=True)
            for number, (marker, body) in _numbered(marked)
        )
        # As in Moodle: a right answer marked '=' makes it single-answer;
        # only '~' answers with weights let the learner pick several.
        single = any(marker == "=" for marker, _ in marked)
        kind = QuestionKind.SINGLE_CHOICE if single else QuestionKind.MULTIPLE_RESPONSE
        return _AnswerBlock(kind, answers=answers)

    def weighted_answer(self, body: str, default_fraction: Decimal, number: int, *, shown: bool) -> ParsedAnswer:
        """A choice (`shown`, so its format is kept) or a short answer (matched, so its format is not)."""
        fraction, body = self.weight(body, default_fraction, number)
        text, feedback = _split_feedback(body)
        answer_text, text_format = self.formatted(text)
        if not answer_text:
            self.fail(f"answer {number} has no text")
        feedback_text, feedback_format = self.formatted(feedback)
        return ParsedAnswer(
            text=answer_text,
            fraction=fraction,
            feedback=feedback_text,
            text_format=text_format if shown else None,
            feedback_format=feedback_format,
        )

    def weight(self, body: str, default_fraction: Decimal, number: int) -> tuple[Decimal, str]:
        """The fraction a `%50%` prefix gives, and the rest of the answer."""
        body = body.lstrip(LAYOUT_WHITESPACE)
        if not body.startswith("%"):
            return default_fraction, body
        end = body.find("%", 1)
        if end < 0:
            self.fail(f"answer {number}: the weight has no closing '%'")
        written = body[1:end].strip(LAYOUT_WHITESPACE)
        weight = parse_decimal(written)
        if weight is None:
            self.fail(f"answer {number}: the weight '%{written}%' is not a number")
        if not -100 <= weight <= 100:
            self.fail(f"answer {number}: the weight {written}% is outside -100% to 100%")
        return fraction_from_percent(weight), body[end + 1 :]

    def true_false(self, raw: str) -> tuple[ParsedAnswer, ParsedAnswer]:
        keyword, *feedbacks = _split_unescaped(raw, "#")
        if len(feedbacks) > 2:
            self.fail(f"a true/false answer takes at most 2 feedbacks, found {len(feedbacks)}")
        # Moodle documents the first as shown to a wrong answer, the second to a right one.
        wrong, right = (self.formatted(feedback) for feedback in [*feedbacks, "", ""][:2])
        correct = _TRUE_FALSE_KEYWORDS[keyword.strip(LAYOUT_WHITESPACE)]
        on_true, on_false = (right, wrong) if correct else (wrong, right)
        return (
            ParsedAnswer("true", _FULL_MARK if correct else _NO_MARK, on_true[0], feedback_format=on_true[1]),
            ParsedAnswer("false", _NO_MARK if correct else _FULL_MARK, on_false[0], feedback_format=on_false[1]),
        )

    def matching_pairs(self, marked: list[tuple[str, str]]) -> tuple[ParsedMatch, ...]:
        pairs: list[ParsedMatch] = []
        for number, (_, body) in _numbered(marked):
            if body.lstrip(LAYOUT_WHITESPACE).startswith("%") or _find(body, "#") >= 0:
                self.fail(f"matching pair {number}: matching pairs cannot carry weights or feedback")
            arrow = _find(body, _PAIR_ARROW)
            if arrow < 0:
                self.fail(f"matching pair {number} has no '{_PAIR_ARROW}'")
            question, question_format = self.formatted(body[:arrow])
            answer = _text(body[arrow + len(_PAIR_ARROW) :])
            if not answer:
                self.fail(f"matching pair {number} has nothing after '{_PAIR_ARROW}'")
            pairs.append(ParsedMatch(question=question, answer=answer, question_format=question_format))
        if problem := matching_pairs_problem(tuple(pairs)):
            self.fail(problem)
        return tuple(pairs)

    def numerical_answers(self, raw: str) -> tuple[ParsedAnswer, ...]:
        raw, catch_all = self.numerical_catch_all(raw)
        raw = raw.strip(LAYOUT_WHITESPACE)
        if not raw:
            self.fail("a numerical question needs at least 1 answer")
        leading, marked = _split_answers(raw)
        answers: tuple[ParsedAnswer, ...]
        if not marked:
            answers = (self.numerical_answer(leading, 1),)  # {#1822:5}
        elif leading:
            self.fail(f"text {_text(leading)!r} before the first '='")
        else:
            answers = tuple(self.numerical_answer(body, number) for number, (_, body) in _numbered(marked))
        return answers if catch_all is None else (*answers, catch_all)

    def numerical_catch_all(self, raw: str) -> tuple[str, ParsedAnswer | None]:
        """The block without its `~#feedback` part, and that part as Moodle stores it:
        the answer "*" (any other number) at no marks. Moodle's exporter writes
        it so, and its own test reads `{#3:2~#Completely wrong}`."""
        tilde = _find(raw, _CATCH_ALL)
        if tilde < 0:
            return raw, None
        ignored, feedback = _split_feedback(raw[tilde + 1 :])
        if _find(raw, _CATCH_ALL, tilde + 1) >= 0 or _find(raw[tilde + 1 :], "=") >= 0:
            self.fail(
                f"numerical answers start with '='; one '{_CATCH_ALL}#feedback' may follow them, for any other number"
            )
        if ignored.strip(LAYOUT_WHITESPACE):
            self.fail(
                f"{_text(ignored)!r} after '{_CATCH_ALL}': in a numerical question '{_CATCH_ALL}#feedback' "
                "is the feedback for any other number, and takes no answer of its own"
            )
        text, feedback_format = self.formatted(feedback)
        catch_all = ParsedAnswer(_ANY_OTHER, _NO_MARK, text, tolerance=_NO_MARK, feedback_format=feedback_format)
        return raw[:tilde], catch_all

    def numerical_answer(self, body: str, number: int) -> ParsedAnswer:
        fraction, body = self.weight(body, _FULL_MARK, number)
        written, feedback = _split_feedback(body)
        written, _ = self.formatted(written)  # a number's format tag means nothing, as in Moodle
        value, tolerance = self.number_with_tolerance(written, number)
        text, feedback_format = self.formatted(feedback)
        return ParsedAnswer(value, fraction, text, tolerance=tolerance, feedback_format=feedback_format)

    def number_with_tolerance(self, written: str, number: int) -> tuple[str, Decimal]:
        """("3", 2) from "3:2" and from "1..5"; ("*", 0) for Moodle's "any other answer"."""
        if written == _ANY_OTHER:
            return written, _NO_MARK
        if ".." in written:
            low_written, high_written = written.split("..", 1)
            low, high = self.number(low_written, number), self.number(high_written, number)
            if low > high:
                self.fail(f"answer {number}: the range {written} has its minimum above its maximum")
            return format_decimal((low + high) / 2), (high - low) / 2
        value_written, _, tolerance_written = written.partition(":")
        self.number(value_written, number)
        if not tolerance_written:
            return value_written.strip(LAYOUT_WHITESPACE), _NO_MARK
        tolerance = parse_decimal(tolerance_written.strip(LAYOUT_WHITESPACE))
        if tolerance is None:
            self.fail(f"answer {number}: the tolerance {tolerance_written.strip()!r} is not a number")
        if tolerance < 0:
            self.fail(f"answer {number}: the tolerance {tolerance_written.strip()} is negative")
        return value_written.strip(LAYOUT_WHITESPACE), tolerance

    def number(self, written: str, number: int) -> Decimal:
        value = parse_decimal(written.strip(LAYOUT_WHITESPACE))
        if value is None:
            self.fail(f"answer {number}: {written.strip()!r} is not a number")
        return value


def _unescaped_indices(text: str, start: int = 0) -> Iterator[int]:
    """Positions of the characters that keep their GIFT meaning (not escaped)."""
    index = start
    while index < len(text):
        if text[index] == "\\":
            index += 2  # the backslash and whatever it escapes
            continue
        yield index
        index += 1


def _find(text: str, needle: str, start: int = 0) -> int:
    return next((index for index in _unescaped_indices(text, start) if text.startswith(needle, index)), -1)


def _split_unescaped(text: str, separator: str) -> list[str]:
    cuts = [index for index in _unescaped_indices(text) if text[index] == separator]
    bounds = [-1, *cuts, len(text)]
    return [text[begin + 1 : end] for begin, end in pairwise(bounds)]


def _split_answers(raw: str) -> tuple[str, list[tuple[str, str]]]:
    """The text before the first '=' or '~', then each marker with the answer after it."""
    cuts = [index for index in _unescaped_indices(raw) if raw[index] in "=~"]
    if not cuts:
        return raw.strip(LAYOUT_WHITESPACE), []
    ends = [*cuts[1:], len(raw)]
    return raw[: cuts[0]].strip(LAYOUT_WHITESPACE), [
        (raw[cut], raw[cut + 1 : end]) for cut, end in zip(cuts, ends, strict=True)
    ]


def _split_feedback(body: str) -> tuple[str, str]:
    """An answer and its feedback; later '#'s belong to the feedback, as in Moodle."""
    hash_at = _find(body, "#")
    if hash_at < 0:
        return body, ""
    return body[:hash_at], body[hash_at + 1 :]


def _numbered(marked: list[tuple[str, str]]) -> Iterator[tuple[int, tuple[str, str]]]:
    return enumerate(marked, start=1)


def _text(raw: str) -> str:
    characters: list[str] = []
    index = 0
    while index < len(raw):
        if raw[index] == "\\" and raw[index + 1 : index + 2] in _UNESCAPED:
            characters.append(_UNESCAPED[raw[index + 1]])
            index += 2
        else:
            characters.append(raw[index])
            index += 1
    return "".join(characters).strip(LAYOUT_WHITESPACE)


# Writing


def _write_question(question: ParsedQuestion) -> str:
    if not question.stem:
        raise NotRepresentableError(f"question {question.name!r} has no text, which GIFT cannot read back")
    head = f"::{_escape(question.name)}::" if question.name else ""
    # The tag is also written when the stem's first characters would
    # otherwise read as a tag, a comment or a category line.
    needs_tag = question.stem_format is not TextFormat.MOODLE or question.stem.startswith(("[", "/", "$", "%"))
    head += f"[{question.stem_format}]" if needs_tag else ""
    if question.kind is QuestionKind.DESCRIPTION:
        if question.general_feedback:
            raise NotRepresentableError(f"GIFT cannot give the description {question.name!r} general feedback")
        return head + _escape(question.stem)
    block = _write_block(question)
    before, blank, after = question.stem.partition(MISSING_WORD_BLANK)
    if blank and after.strip(LAYOUT_WHITESPACE):
        return head + _escape(before) + block + _escape(after)
    return f"{head}{_escape(question.stem)} {block}"


def _write_block(question: ParsedQuestion) -> str:
    text_format = question.stem_format
    kind = question.kind
    if kind is QuestionKind.ESSAY:
        lines: list[str] = []
    elif kind is QuestionKind.TRUE_FALSE:
        lines = [_write_true_false(question)]
    elif kind is QuestionKind.MATCHING:
        if problem := matching_pairs_problem(question.matches):
            raise NotRepresentableError(f"{question.name!r}: {problem}")
        lines = [_write_pair(pair, text_format) for pair in question.matches]
    elif not question.answers and kind in (QuestionKind.NUMERICAL, QuestionKind.SHORT_ANSWER):
        raise NotRepresentableError(f"GIFT would read {question.name!r}, which has no answers, as an essay")
    elif kind is QuestionKind.NUMERICAL:
        lines = ["#", *_write_numerical_answers(question.answers, text_format)]
    elif kind is QuestionKind.SHORT_ANSWER:
        lines = [_write_answer("=", answer, _FULL_MARK, text_format, shown=False) for answer in question.answers]
        if any(_PAIR_ARROW in line for line in lines):
            raise NotRepresentableError(f"GIFT would read the short answers of {question.name!r} as matching pairs")
    else:
        lines = _write_choices(question)
    if question.general_feedback:
        lines.append(
            _GENERAL_FEEDBACK + _write_text(question.general_feedback, question.general_feedback_format, text_format)
        )
    if len(lines) <= 1 and kind in (QuestionKind.ESSAY, QuestionKind.TRUE_FALSE):
        return "{" + "".join(lines) + "}"
    return "{\n" + "".join(f"\t{line}\n" for line in lines) + "}"


def _write_choices(question: ParsedQuestion) -> list[str]:
    answers = question.answers
    if len(answers) < _MIN_CHOICES:
        raise NotRepresentableError(f"GIFT needs at least {_MIN_CHOICES} choices in {question.name!r}")
    # A single-answer question needs exactly one '=' to read back as one.
    right = max(range(len(answers)), key=lambda index: answers[index].fraction) if question.single else -1
    return [
        _write_answer("=", answer, _FULL_MARK, question.stem_format, shown=True)
        if index == right
        else _write_answer("~", answer, _NO_MARK, question.stem_format, shown=True)
        for index, answer in enumerate(answers)
    ]


def _write_answer(
    marker: str, answer: ParsedAnswer, default_fraction: Decimal, text_format: TextFormat, *, shown: bool
) -> str:
    weight = "" if answer.fraction == default_fraction else f"%{format_decimal(answer.fraction.scaleb(2))}%"
    text = _write_text(answer.text, answer.text_format if shown else None, text_format)
    return marker + weight + text + _write_feedback(answer, text_format)


def _write_numerical_answers(answers: tuple[ParsedAnswer, ...], text_format: TextFormat) -> list[str]:
    lines: list[str] = []
    for index, answer in enumerate(answers):
        if answer.text == _ANY_OTHER and answer.fraction == _NO_MARK and 0 < index == len(answers) - 1:
            # Moodle's exporter writes a last "any other number" at no marks this way.
            lines.append(_CATCH_ALL + _write_feedback(answer, text_format))
            continue
        weight = "" if answer.fraction == _FULL_MARK else f"%{format_decimal(answer.fraction.scaleb(2))}%"
        tolerance = "" if answer.text == _ANY_OTHER else f":{format_decimal(answer.tolerance or _NO_MARK)}"
        lines.append(f"={weight}{answer.text}{tolerance}" + _write_feedback(answer, text_format))
    return lines


def _write_true_false(question: ParsedQuestion) -> str:
    texts = tuple(answer.text for answer in question.answers)
    fractions = {answer.fraction for answer in question.answers}
    if texts != ("true", "false") or fractions != {_FULL_MARK, _NO_MARK}:
        raise NotRepresentableError(f"true/false question {question.name!r} needs a right 'true' and 'false' pair")
    true, false = question.answers
    right, wrong = (true, false) if true.fraction == _FULL_MARK else (false, true)
    written = "TRUE" if right is true else "FALSE"
    if wrong.feedback or right.feedback:
        written += "#" + _write_text(wrong.feedback, wrong.feedback_format, question.stem_format)
    if right.feedback:
        written += "#" + _write_text(right.feedback, right.feedback_format, question.stem_format)
    return written


def _write_pair(pair: ParsedMatch, text_format: TextFormat) -> str:
    if _PAIR_ARROW in pair.question:
        raise NotRepresentableError(f"GIFT cannot write a matching question containing '{_PAIR_ARROW}'")
    left = _write_text(pair.question, pair.question_format, text_format)
    return f"={left} {_PAIR_ARROW} {_escape(pair.answer)}"


def _write_feedback(answer: ParsedAnswer, text_format: TextFormat) -> str:
    return "#" + _write_text(answer.feedback, answer.feedback_format, text_format) if answer.feedback else ""


def _write_text(text: str, part_format: TextFormat | None, text_format: TextFormat) -> str:
    """Escaped text behind its own format tag, as Moodle writes a part whose
    format is not the question's; behind the question's tag where the text's
    own start could be misread."""
    if part_format is not None and part_format is not text_format and text:
        return f"[{part_format}]" + _escape(text)
    tag = f"[{text_format}]" if text.startswith(("[", "%")) else ""
    return tag + _escape(text)


def _escape(text: str) -> str:
    if "\r" in text:
        raise NotRepresentableError(f"GIFT has no way to write a carriage return, found in {text!r}")
    escaped = text.replace("\\", "\\\\")
    for special in "~=#{}:":
        escaped = escaped.replace(special, "\\" + special)
    return escaped.replace("\n", "\\n")
