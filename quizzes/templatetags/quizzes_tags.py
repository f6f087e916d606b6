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
