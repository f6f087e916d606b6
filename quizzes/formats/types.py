"""What a parsed question contains, independent of how it is stored.

The GIFT and Moodle XML parsers both produce these values and the writers
both consume them, so a question can travel between the two formats and,
later, into the quizzes app's models without either format leaking into the
other.

Conventions every parser keeps, so that values from different sources
compare equal:

- Texts carry no leading or trailing layout whitespace (`LAYOUT_WHITESPACE`).
- A stem whose answers sat in the middle of the sentence ("missing word")
  holds `MISSING_WORD_BLANK` where the answers were.
- Each text keeps its own format, as Moodle stores it: a choice's text, an
  answer's feedback, a matching pair's left side and the general feedback
  carry a format of their own, None when it is the stem's (so a file that
  repeats the stem's format and one that leaves it out read alike). Texts
  that are matched rather than shown (short answers, numbers, true/false)
  have no format of their own, as in Moodle.
- A fraction is the share of the mark an answer earns, from -1 to 1 (Moodle
  writes it as a percentage: `%50%` in GIFT, `fraction="50"` in XML).
"""

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

MISSING_WORD_BLANK = "_____"

# What a text is trimmed of. Not str.strip()'s default: a non-breaking space
# at the edge of HTML is content, and Moodle's own trim() keeps it too.
LAYOUT_WHITESPACE = " \t\r\n\v\f"

# Moodle's defaults for a new question; both formats fall back to them.
DEFAULT_MARK = Decimal("1")
DEFAULT_PENALTY = Decimal("0.3333333")


class QuestionKind(StrEnum):
    SINGLE_CHOICE = "single_choice"
    MULTIPLE_RESPONSE = "multiple_response"
    TRUE_FALSE = "true_false"
    MATCHING = "matching"
    SHORT_ANSWER = "short_answer"
    NUMERICAL = "numerical"
    ESSAY = "essay"
    DESCRIPTION = "description"  # text shown between questions; nothing to answer


class TextFormat(StrEnum):
    MOODLE = "moodle"  # Moodle's auto-format: line breaks become <br>
    HTML = "html"
    PLAIN = "plain"
    MARKDOWN = "markdown"


def own_format(part: TextFormat | None, question: TextFormat, *, text: str) -> TextFormat | None:
    """A part's format as values keep it: None when it is the question's, or
    when the part is empty (an empty text has nothing to format, and neither
    format writes a tag for it)."""
    return None if part is None or part is question or not text else part


class ResponseFormat(StrEnum):
    """How a learner writes an essay answer (Moodle's `responseformat`)."""

    EDITOR = "editor"
    EDITOR_FILEPICKER = "editorfilepicker"
    PLAIN = "plain"
    MONOSPACED = "monospaced"
    NO_INLINE = "noinline"  # attachments only, no text


UNLIMITED_ATTACHMENTS = -1


@dataclass(frozen=True)
class EssayOptions:
    """An essay's settings, with the defaults Moodle's GIFT import gives them.

    `attachments` is how many files a learner may attach (-1: no limit),
    `attachments_required` how many they must. Word limits are None when
    there is none.
    """

    response_format: ResponseFormat = ResponseFormat.EDITOR
    response_required: bool = True
    response_field_lines: int = 15
    min_word_limit: int | None = None
    max_word_limit: int | None = None
    attachments: int = 0
    attachments_required: int = 0
    grader_info: str = ""
    grader_info_format: TextFormat = TextFormat.HTML
    response_template: str = ""
    response_template_format: TextFormat = TextFormat.HTML


ESSAY_DEFAULTS = EssayOptions()


@dataclass(frozen=True)
class ParsedAnswer:
    """One choice, accepted answer or numerical answer.

    True/false questions always have two answers, "true" then "false", each
    with the feedback a learner sees on choosing it.

    For numerical answers `text` is the number as written ("1822", "3.1415"),
    or "*" for "any other answer", and `tolerance` the accepted distance from
    it. A GIFT range `{#1..5}` becomes its midpoint and half-width ("3", 2),
    as Moodle stores it, so a range and a tolerance compare equal.
    """

    text: str
    fraction: Decimal
    feedback: str = ""
    tolerance: Decimal | None = None  # numerical answers only
    text_format: TextFormat | None = None  # choice answers only; None: the stem's
    feedback_format: TextFormat | None = None  # None: the stem's


@dataclass(frozen=True)
class ParsedMatch:
    """A matching pair. An empty `question` makes `answer` a distractor."""

    question: str
    answer: str
    question_format: TextFormat | None = None  # None: the stem's; the answer side is plain text


@dataclass(frozen=True)
class ParsedQuestion:
    """A question as a file describes it.

    `category` is the path below the course's top category, ("A", "B") for
    Moodle's "$course$/top/A/B"; () is the top itself. `name` is "" when the
    file gives none; whoever stores the question decides what to show then.
    """

    kind: QuestionKind
    stem: str
    name: str = ""
    stem_format: TextFormat = TextFormat.MOODLE
    general_feedback: str = ""
    general_feedback_format: TextFormat | None = None  # None: the stem's
    answers: tuple[ParsedAnswer, ...] = ()
    matches: tuple[ParsedMatch, ...] = ()
    category: tuple[str, ...] = ()
    shuffle_answers: bool = True  # choice and matching questions
    case_sensitive: bool = False  # short-answer questions
    default_mark: Decimal = DEFAULT_MARK
    penalty: Decimal = DEFAULT_PENALTY  # share of the mark lost per retry in interactive mode
    essay: EssayOptions = ESSAY_DEFAULTS  # essays only; the defaults for every other kind

    @property
    def single(self) -> bool:
        """Whether a choice question takes exactly one answer (Moodle's `single`)."""
        return self.kind is not QuestionKind.MULTIPLE_RESPONSE

    @property
    def has_missing_word(self) -> bool:
        return MISSING_WORD_BLANK in self.stem


@dataclass(frozen=True)
class ParsedCategory:
    """A category a file names, with the description Moodle XML may give it."""

    path: tuple[str, ...]
    info: str = ""
    info_format: TextFormat = TextFormat.MOODLE


@dataclass(frozen=True)
class ParsedFile:
    """Everything a file holds: its questions, and every category it names
    (in the order it names them, each once), with or without questions."""

    questions: tuple[ParsedQuestion, ...]
    categories: tuple[ParsedCategory, ...] = ()
    # What the file says that the bank does not keep (Moodle's hints, tags, ...),
    # one line each with where it first appears, so an import says so rather than drop it silently.
    not_kept: tuple[str, ...] = ()


def not_kept_note(what: str, line: int, count: int) -> str:
    """One line of `ParsedFile.not_kept`: "hints: 3 in the file, the first at line 12"."""
    return f"{what}: {count} in the file, the first at line {line}"


# Moodle's matching question needs two questions and three answers; an answer
# whose question is empty is a distractor. GIFT's documentation asks for three
# pairs, which is the same rule seen from the file.
MIN_MATCHING_PAIRS = 3
MIN_MATCHING_QUESTIONS = 2


def matching_pairs_problem(matches: tuple[ParsedMatch, ...]) -> str | None:
    """Why Moodle would refuse these pairs as a matching question, or None."""
    if len(matches) < MIN_MATCHING_PAIRS:
        return f"a matching question needs at least {MIN_MATCHING_PAIRS} pairs, found {len(matches)}"
    questions = sum(1 for pair in matches if pair.question)
    if questions < MIN_MATCHING_QUESTIONS:
        return f"a matching question needs at least {MIN_MATCHING_QUESTIONS} pairs with a left side, found {questions}"
    return None


class FormatError(Exception):
    """A file that cannot be read as questions, and where it went wrong."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(f"line {line}: {reason}")
        self.line = line
        self.reason = reason


class NotRepresentableError(ValueError):
    """A writer was given a question its format has no way to express."""
