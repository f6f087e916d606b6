"""The question bank: categories, reading GIFT and Moodle XML files, importing and
exporting questions. Each write owns its transaction."""

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import models, transaction

from quizzes.formats import (
    FormatError,
    ParsedAnswer,
    ParsedMatch,
    ParsedQuestion,
    QuestionKind,
    TextFormat,
    parse_gift,
    parse_moodle_xml,
    write_gift,
    write_moodle_xml,
)
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


def category_path_below(category: QuestionCategory, *, root: QuestionCategory | None = None) -> tuple[str, ...]:
    """Names from just below `root` down to `category`; the full path when root is None.
    Raises ValueError when `category` is not `root` or below it."""
    names: list[str] = []
    node: QuestionCategory | None = category
    while node is not None and (root is None or node.pk != root.pk):
        names.append(node.name)
        node = node.parent
    if root is not None and node is None:
        raise ValueError(f"“{category}” is not in “{root}”")
    return tuple(reversed(names))


def question_to_parsed(question: Question, *, root: QuestionCategory | None = None) -> ParsedQuestion:
    """A stored question as the format writers take it, its category given
    below `root` (the full path when root is None). Reads answers and pairs
    through their managers, so prefetch them for many questions."""
    return ParsedQuestion(
        kind=QuestionKind(question.kind),
        stem=question.stem,
        name=question.name,
        stem_format=TextFormat(question.stem_format),
        general_feedback=question.general_feedback,
        answers=tuple(
            ParsedAnswer(
                text=answer.text, fraction=answer.fraction, feedback=answer.feedback, tolerance=answer.tolerance
            )
            for answer in question.answers.all()
        ),
        matches=tuple(ParsedMatch(question=pair.left, answer=pair.right) for pair in question.match_pairs.all()),
        category=category_path_below(question.category, root=root),
        shuffle_answers=question.shuffle_answers,
        case_sensitive=question.case_sensitive,
        default_mark=question.default_mark,
        penalty=question.penalty,
    )


def questions_in_category(*, category: QuestionCategory) -> list[Question]:
    """The questions in `category` and every category below it: depth first,
    sub-categories by name, questions in the order they were added. Their
    categories (up to the top), answers and pairs are loaded, in four queries."""
    # Question banks hold tens of categories, so reading them all is cheaper than a query per level.
    by_id = {node.pk: node for node in QuestionCategory.objects.order_by("name")}
    children: dict[int | None, list[QuestionCategory]] = {}
    for node in by_id.values():
        if node.parent_id is not None:
            node.parent = by_id[node.parent_id]
        children.setdefault(node.parent_id, []).append(node)

    order: list[int] = []
    stack = [by_id[category.pk]]
    while stack:
        node = stack.pop()
        order.append(node.pk)
        stack.extend(reversed(children.get(node.pk, [])))
    position = {pk: index for index, pk in enumerate(order)}

    questions = list(
        Question.objects.filter(category_id__in=order).order_by("pk").prefetch_related("answers", "match_pairs")
    )
    for question in questions:
        question.category = by_id[question.category_id]
    questions.sort(key=lambda question: position[question.category_id])
    return questions


def questions_export(*, category: QuestionCategory, format: str) -> bytes | str:
    """`category` and everything below it as a GIFT (str) or Moodle XML (bytes)
    file, categories given below `category`, so importing the file into
    another category rebuilds the same tree there.

    Raises NotRepresentableError for a question the format cannot express,
    and ValueError for an unknown format."""
    parsed = [question_to_parsed(question, root=category) for question in questions_in_category(category=category)]
    if format == GIFT:
        return write_gift(parsed)
    if format == MOODLE_XML:
        return write_moodle_xml(parsed)
    raise ValueError(f"unknown question format {format!r}: use one of {GIFT}, {MOODLE_XML}")
