"""Reads from the question bank."""

from quizzes.formats import (
    ParsedAnswer,
    ParsedMatch,
    ParsedQuestion,
    QuestionKind,
    TextFormat,
    write_gift,
    write_moodle_xml,
)
from quizzes.models import Question, QuestionCategory
from quizzes.services import GIFT, MOODLE_XML


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
