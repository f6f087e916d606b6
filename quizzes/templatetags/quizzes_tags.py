from typing import Any

from django import template

from quizzes.selectors import QuizPanel, quiz_panel

register = template.Library()


@register.simple_tag
def quiz_block_panel(quiz: Any, page: Any, user: Any) -> QuizPanel | None:
    """What the quiz block shows this member (None in a preview or a page without an id)."""
    if quiz is None or page is None or not getattr(page, "pk", None):
        return None
    return quiz_panel(quiz=quiz, module=page, member=user)


@register.simple_tag
def quiz_answered(questions: list[Any]) -> dict[str, int]:
    """How many of the attempt's questions have an answer saved, of how many ask something
    (descriptions ask nothing), for the progress beside "Submit my answers"."""
    asked = [question for question in questions if question.number]
    answered = sum(
        1
        for question in asked
        if any(choice.picked for choice in question.choices)
        or any(row.chosen for row in question.rows)
        or question.text.strip()
    )
    return {"answered": answered, "total": len(asked), "percent": round(100 * answered / len(asked)) if asked else 0}
