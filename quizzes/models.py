"""The question bank: categories of questions, with their answers and matching pairs.

Fields follow `quizzes.formats.ParsedQuestion`, so a question read from a
GIFT or Moodle XML file is stored without loss and written back the same.
"""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from quizzes.formats import QuestionKind, TextFormat
from quizzes.formats.types import DEFAULT_MARK, DEFAULT_PENALTY

STR_STEM_LENGTH = 60


class QuestionCategory(models.Model):  # type: ignore[django-manager-missing]  # modelcluster, Question's base, has no types
    """A folder of questions. Categories nest, as Moodle's do."""

    name = models.CharField(max_length=255)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children", verbose_name="parent category"
    )

    class Meta:
        verbose_name = "question category"
        verbose_name_plural = "question categories"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="quizzes_category_unique_name_in_parent"),
            # NULL parents are distinct to the constraint above; top-level names are unique too.
            models.UniqueConstraint(
                fields=["name"], condition=Q(parent__isnull=True), name="quizzes_category_unique_top_level_name"
            ),
        ]

    def __str__(self) -> str:
        return " / ".join(self.path)

    @property
    def path(self) -> tuple[str, ...]:
        """Names from the top category down to this one (one query per uncached parent)."""
        names: list[str] = []
        category: QuestionCategory | None = self
        while category is not None:
            names.append(category.name)
            category = category.parent
        return tuple(reversed(names))


class Question(ClusterableModel):
    class Kind(models.TextChoices):
        SINGLE_CHOICE = QuestionKind.SINGLE_CHOICE.value, "Single choice"
        MULTIPLE_RESPONSE = QuestionKind.MULTIPLE_RESPONSE.value, "Multiple response"
        TRUE_FALSE = QuestionKind.TRUE_FALSE.value, "True/false"
        MATCHING = QuestionKind.MATCHING.value, "Matching"
        SHORT_ANSWER = QuestionKind.SHORT_ANSWER.value, "Short answer"
        NUMERICAL = QuestionKind.NUMERICAL.value, "Numerical"
        ESSAY = QuestionKind.ESSAY.value, "Essay"
        DESCRIPTION = QuestionKind.DESCRIPTION.value, "Description (no answer)"

    class TextFormatChoice(models.TextChoices):
        MOODLE = TextFormat.MOODLE.value, "Moodle auto-format"
        HTML = TextFormat.HTML.value, "HTML"
        PLAIN = TextFormat.PLAIN.value, "Plain text"
        MARKDOWN = TextFormat.MARKDOWN.value, "Markdown"

    category = models.ForeignKey(QuestionCategory, on_delete=models.PROTECT, related_name="questions")
    kind = models.CharField(max_length=32, choices=Kind.choices)
    name = models.CharField(max_length=255, blank=True, help_text="Shown to trainers; the stem is used when empty.")
    stem = models.TextField()
    stem_format = models.CharField(
        max_length=16,
        choices=TextFormatChoice.choices,
        default=TextFormatChoice.MOODLE,
        help_text="How the stem, answers and feedback are written.",
    )
    general_feedback = models.TextField(blank=True)
    source = models.CharField(
        max_length=500, blank=True, help_text="Where a figure in the question comes from, for trainers to check."
    )
    shuffle_answers = models.BooleanField(default=True)
    case_sensitive = models.BooleanField(default=False, help_text="Short-answer questions only.")
    default_mark = models.DecimalField(
        max_digits=12, decimal_places=7, default=DEFAULT_MARK, validators=[MinValueValidator(Decimal(0))]
    )
    penalty = models.DecimalField(
        max_digits=8,
        decimal_places=7,
        default=DEFAULT_PENALTY,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(1))],
        help_text="Share of the mark lost on each retry.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["category", "pk"]
        indexes = [models.Index(fields=["category", "kind"], name="quizzes_question_cat_kind")]
        constraints = [
            models.CheckConstraint(
                condition=Q(penalty__gte=0, penalty__lte=1), name="quizzes_question_penalty_between_0_and_1"
            ),
            models.CheckConstraint(condition=Q(default_mark__gte=0), name="quizzes_question_default_mark_not_negative"),
        ]

    def __str__(self) -> str:
        return self.name or self.stem[:STR_STEM_LENGTH]


class Answer(models.Model):
    """A choice, an accepted answer, or a number with its tolerance."""

    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="answers")
    order = models.PositiveIntegerField(default=0, editable=False)
    text = models.TextField()
    fraction = models.DecimalField(
        max_digits=8,
        decimal_places=7,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(-1)), MaxValueValidator(Decimal(1))],
        help_text="Share of the mark this answer earns, from -1 to 1 (1 is fully right).",
    )
    feedback = models.TextField(blank=True)
    tolerance = models.DecimalField(
        max_digits=20, decimal_places=10, null=True, blank=True, help_text="Numerical answers only."
    )

    # InlinePanel and modelcluster keep this field in the order the editor shows.
    sort_order_field = "order"

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(fraction__gte=-1, fraction__lte=1), name="quizzes_answer_fraction_between_minus_1_and_1"
            ),
        ]

    def __str__(self) -> str:
        return self.text[:STR_STEM_LENGTH]


class MatchPair(models.Model):
    """A matching pair; an empty left side makes the right side a distractor."""

    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="match_pairs")
    order = models.PositiveIntegerField(default=0, editable=False)
    left = models.TextField(blank=True, help_text="The question side; leave empty for a distractor.")
    right = models.TextField()

    sort_order_field = "order"

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return f"{self.left[:30] or '(distractor)'} → {self.right[:30]}"
