"""The quiz block: a quiz from the question bank placed in a module body, and the
completion gate that keeps the module open until the learner passes it."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from courses.activities import ActivityBlock, module_placements
from quizzes.models import Quiz, QuizGrade

if TYPE_CHECKING:
    from accounts.models import User
    from courses.models import ModulePage


@dataclass(frozen=True)
class QuizPlacement:
    """A quiz block in a module body."""

    block_id: str
    quiz_id: int
    required: bool


class QuizBlock(ActivityBlock[QuizPlacement]):
    quiz = SnippetChooserBlock("quizzes.Quiz")
    required = blocks.BooleanBlock(
        required=False, default=True, help_text="Learners must pass it to finish the module."
    )

    class Meta:
        icon = "help"
        label = "Quiz"
        template = "quizzes/blocks/quiz.html"

    def placement(self, *, block_id: str, fields: Mapping[str, Any]) -> QuizPlacement | None:
        if fields["quiz"] is None:
            return None
        return QuizPlacement(block_id=block_id, quiz_id=fields["quiz"], required=bool(fields["required"]))

    def completion_blocker(
        self, *, member: "User", module: "ModulePage", placements: Sequence[QuizPlacement]
    ) -> str | None:
        """Every required quiz in the module must be passed. One query at most (two to name what is missing)."""
        required = {placement.quiz_id for placement in placements if placement.required}
        if not required:
            return None
        passed = set(
            QuizGrade.objects.filter(member=member, module=module, quiz_id__in=required, passed=True).values_list(
                "quiz_id", flat=True
            )
        )
        missing = required - passed
        if not missing:
            return None
        # A quiz deleted after it was placed no longer holds the module.
        titles = sorted(Quiz.objects.filter(pk__in=missing).values_list("title", flat=True))
        if not titles:
            return None
        return "Pass the quiz " + ", ".join(f"“{title}”" for title in titles) + " to finish this module."


def quiz_placements(module: "ModulePage") -> list[QuizPlacement]:
    """The quiz blocks of a module's body, in order. No query."""
    return module_placements(module, QuizBlock)
