"""Writes to the question bank. Each function owns its transaction."""

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import models, transaction

from quizzes.formats import FormatError, ParsedQuestion, parse_gift, parse_moodle_xml
from quizzes.models import Answer, MatchPair, Question, QuestionCategory

GIFT = "gift"
MOODLE_XML = "xml"
FORMATS = (GIFT, MOODLE_XML)


@transaction.atomic
def category_get_or_create_path(*, path: tuple[str, ...], root: QuestionCategory | None = None) -> QuestionCategory:
    """The category at `path` below `root` (below the top when root is None),
    creating any category on the way that does not exist yet. An empty path
    is `root` itself. Raises ValueError for an empty path with no root, or a
    blank name in the path. Queries: two or so per level of the path."""
    if not path and root is None:
        raise ValueError("a category path needs at least one name")
    category = root
    for name in path:
        name = name.strip()
        if not name:
            raise ValueError(f"a category name in {'/'.join(path)!r} is blank")
        category, _ = QuestionCategory.objects.get_or_create(parent=category, name=name)
    assert category is not None
    return category


@transaction.atomic
def questions_import(*, parsed: Sequence[ParsedQuestion], category: QuestionCategory) -> list[Question]:
    """Store parsed questions, with their answers and matching pairs, in order.

    Each question's own category path (from the file's $CATEGORY lines or
    category pseudo-questions) is created below `category`. Either every
    question is stored or none is.

    Raises django.core.exceptions.ValidationError for a value the models
    refuse (a name over 255 characters, a fraction outside -1..1, more
    decimal places than a field keeps), and ValueError for a blank category
    name.

    Queries: a few per distinct category path, then one insert each for
    questions, answers and pairs, however many there are (bulk inserts are
    split only past the database's parameter limit: 999 on SQLite). Bulk
    inserts send no post_save, so Wagtail's reference index ("usage") does
    not list imported questions until `rebuild_references_index` runs.
    """
    categories: dict[tuple[str, ...], QuestionCategory] = {}
    questions: list[Question] = []
    for item in parsed:
        if item.category not in categories:
            categories[item.category] = category_get_or_create_path(path=item.category, root=category)
        question = Question(
            category=categories[item.category],
            kind=Question.Kind(item.kind.value),
            name=item.name,
            stem=item.stem,
            stem_format=Question.TextFormatChoice(item.stem_format.value),
            general_feedback=item.general_feedback,
            shuffle_answers=item.shuffle_answers,
            case_sensitive=item.case_sensitive,
            default_mark=item.default_mark,
            penalty=item.penalty,
        )
        # Foreign keys are left out: checking them would cost a query per row.
        _clean(question, exclude="category", number=len(questions) + 1, item=item)
        questions.append(question)
    Question.objects.bulk_create(questions)

    answers: list[Answer] = []
    pairs: list[MatchPair] = []
    for number, (item, question) in enumerate(zip(parsed, questions, strict=True), start=1):
        for order, answer in enumerate(item.answers):
            row = Answer(
                question=question,
                order=order,
                text=answer.text,
                fraction=answer.fraction,
                feedback=answer.feedback,
                tolerance=answer.tolerance,
            )
            _clean(row, exclude="question", number=number, item=item)
            answers.append(row)
        for order, match in enumerate(item.matches):
            pair = MatchPair(question=question, order=order, left=match.question, right=match.answer)
            _clean(pair, exclude="question", number=number, item=item)
            pairs.append(pair)
    if answers:
        Answer.objects.bulk_create(answers)
    if pairs:
        MatchPair.objects.bulk_create(pairs)
    return questions


def _clean(row: models.Model, *, exclude: str, number: int, item: ParsedQuestion) -> None:
    """Validate a row's own fields, naming the question a trainer should fix."""
    try:
        row.clean_fields(exclude=[exclude])
    except ValidationError as error:
        label = item.name or item.stem[:60]
        raise ValidationError(f"question {number} ({label}): {' '.join(error.messages)}") from error


def questions_parse(*, data: bytes, format: str) -> list[ParsedQuestion]:
    """Read a GIFT ("gift", UTF-8 text) or Moodle XML ("xml") file. Writes nothing.

    Raises FormatError ("line N: reason") for a malformed file, including
    GIFT that is not UTF-8, and ValueError for an unknown format.
    """
    if format == GIFT:
        try:
            text = data.decode("utf-8-sig")  # a byte-order mark from Windows editors is not content
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            raise FormatError(line, "the file is not UTF-8 text; save it as UTF-8 and import it again") from error
        return parse_gift(text)
    if format == MOODLE_XML:
        return parse_moodle_xml(data)
    raise ValueError(f"unknown question format {format!r}: use one of {', '.join(FORMATS)}")
