"""The question bank: categories of questions, with their answers and matching pairs.

Fields follow `quizzes.formats.ParsedQuestion`, so a question read from a
GIFT or Moodle XML file is stored without loss and written back the same.
"""

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from quizzes.formats import EssayOptions, QuestionKind, ResponseFormat, TextFormat
from quizzes.formats.types import DEFAULT_MARK, DEFAULT_PENALTY, ESSAY_DEFAULTS, UNLIMITED_ATTACHMENTS

STR_STEM_LENGTH = 60
OWN_FORMAT_HELP = "Leave empty to use the question text's format."
# The largest values the small and plain integer columns hold on every database;
# SQLite would store more, PostgreSQL would refuse it with an error, so forms and imports stop here.
SMALL_INTEGER_MAX = 32767
INTEGER_MAX = 2147483647


class TextFormatChoice(models.TextChoices):
    MOODLE = TextFormat.MOODLE.value, "Moodle auto-format"
    HTML = TextFormat.HTML.value, "HTML"
    PLAIN = TextFormat.PLAIN.value, "Plain text"
    MARKDOWN = TextFormat.MARKDOWN.value, "Markdown"


def own_format_field(what: str) -> models.CharField:
    """The format of one part of a question, empty when it is the question text's (as Moodle keeps it)."""
    return models.CharField(
        f"{what} format", max_length=16, choices=TextFormatChoice.choices, blank=True, help_text=OWN_FORMAT_HELP
    )


def own_format_value(stored: str) -> TextFormat | None:
    return TextFormat(stored) if stored else None


class QuestionCategory(models.Model):  # type: ignore[django-manager-missing]  # modelcluster, Question's base, has no types
    """A folder of questions. Categories nest, as Moodle's do."""

    name = models.CharField(max_length=255)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children", verbose_name="parent category"
    )
    info = models.TextField(
        "description", blank=True, help_text="What the category holds, for trainers (Moodle's category info)."
    )
    info_format = models.CharField(
        "description format", max_length=16, choices=TextFormatChoice.choices, default=TextFormatChoice.MOODLE
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

    TextFormatChoice = TextFormatChoice

    class ResponseFormatChoice(models.TextChoices):
        EDITOR = ResponseFormat.EDITOR.value, "HTML editor"
        EDITOR_FILEPICKER = ResponseFormat.EDITOR_FILEPICKER.value, "HTML editor with file picker"
        PLAIN = ResponseFormat.PLAIN.value, "Plain text"
        MONOSPACED = ResponseFormat.MONOSPACED.value, "Plain text, monospaced font"
        NO_INLINE = ResponseFormat.NO_INLINE.value, "No online text (attachments only)"

    category = models.ForeignKey(QuestionCategory, on_delete=models.PROTECT, related_name="questions")
    kind = models.CharField(max_length=32, choices=Kind.choices)
    name = models.CharField(max_length=255, blank=True, help_text="Shown to trainers; the stem is used when empty.")
    stem = models.TextField()
    stem_format = models.CharField(
        max_length=16,
        choices=TextFormatChoice.choices,
        default=TextFormatChoice.MOODLE,
        help_text="How the stem is written; answers and feedback share it unless they say otherwise.",
    )
    general_feedback = models.TextField(blank=True)
    general_feedback_format = own_format_field("general feedback")
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
    # Essay options, as Moodle keeps them (ignored for other kinds).
    response_format = models.CharField(
        max_length=16, choices=ResponseFormatChoice.choices, default=ResponseFormatChoice.EDITOR
    )
    response_required = models.BooleanField(default=True, help_text="Learners must write some text.")
    response_field_lines = models.PositiveSmallIntegerField(
        "input box size (lines)",
        default=ESSAY_DEFAULTS.response_field_lines,
        validators=[MinValueValidator(1), MaxValueValidator(SMALL_INTEGER_MAX)],
    )
    min_word_limit = models.PositiveIntegerField(null=True, blank=True, validators=[MaxValueValidator(INTEGER_MAX)])
    max_word_limit = models.PositiveIntegerField(null=True, blank=True, validators=[MaxValueValidator(INTEGER_MAX)])
    attachments = models.SmallIntegerField(
        "attachments allowed",
        default=ESSAY_DEFAULTS.attachments,
        validators=[MinValueValidator(UNLIMITED_ATTACHMENTS), MaxValueValidator(SMALL_INTEGER_MAX)],
        help_text="-1 for no limit.",
    )
    attachments_required = models.PositiveSmallIntegerField(
        default=ESSAY_DEFAULTS.attachments_required, validators=[MaxValueValidator(SMALL_INTEGER_MAX)]
    )
    grader_info = models.TextField("information for graders", blank=True)
    grader_info_format = models.CharField(
        "information for graders format", max_length=16, choices=TextFormatChoice.choices, default=TextFormatChoice.HTML
    )
    response_template = models.TextField(blank=True, help_text="Text the answer box starts with.")
    response_template_format = models.CharField(
        max_length=16, choices=TextFormatChoice.choices, default=TextFormatChoice.HTML
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

    def essay_options(self) -> EssayOptions:
        """The essay options as the format writers take them (the defaults for other kinds)."""
        if self.kind != Question.Kind.ESSAY:
            return ESSAY_DEFAULTS
        return EssayOptions(
            response_format=ResponseFormat(self.response_format),
            response_required=self.response_required,
            response_field_lines=self.response_field_lines,
            min_word_limit=self.min_word_limit,
            max_word_limit=self.max_word_limit,
            attachments=self.attachments,
            attachments_required=self.attachments_required,
            grader_info=self.grader_info,
            grader_info_format=TextFormat(self.grader_info_format),
            response_template=self.response_template,
            response_template_format=TextFormat(self.response_template_format),
        )

    @staticmethod
    def essay_fields(options: EssayOptions) -> dict[str, Any]:
        """Model field values for these essay options (the other side of `essay_options`)."""
        return {
            "response_format": options.response_format.value,
            "response_required": options.response_required,
            "response_field_lines": options.response_field_lines,
            "min_word_limit": options.min_word_limit,
            "max_word_limit": options.max_word_limit,
            "attachments": options.attachments,
            "attachments_required": options.attachments_required,
            "grader_info": options.grader_info,
            "grader_info_format": options.grader_info_format.value,
            "response_template": options.response_template,
            "response_template_format": options.response_template_format.value,
        }


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
    text_format = own_format_field("answer")  # choices only: short answers and numbers are matched, not shown
    feedback_format = own_format_field("feedback")

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
    left_format = own_format_field("question side")
    right = models.TextField(help_text="Plain text.")

    sort_order_field = "order"

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return f"{self.left[:30] or '(distractor)'} → {self.right[:30]}"


class Quiz(ClusterableModel):
    """A knowledge check: chosen questions and/or N drawn at random from a category,
    with its marking, attempt and review rules. Placed in module bodies by the
    quiz block (`courses.blocks.QuizBlock`)."""

    class Grading(models.TextChoices):
        HIGHEST = "highest", "Highest attempt"
        LAST = "last", "Last attempt"
        FIRST = "first", "First attempt"
        AVERAGE = "average", "Average of attempts"

    title = models.CharField(max_length=255)
    intro = models.TextField(blank=True, help_text="Shown before a learner starts.")
    random_category = models.ForeignKey(
        QuestionCategory,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Draw questions at random from this category (not its sub-categories).",
    )
    random_count = models.PositiveIntegerField(
        default=0, help_text="How many random questions each attempt draws, besides the chosen ones."
    )
    pass_mark = models.DecimalField(
        "pass mark (%)",
        max_digits=5,
        decimal_places=2,
        default=Decimal(70),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )
    attempts_allowed = models.PositiveIntegerField(default=0, help_text="0 means no limit.")
    grading = models.CharField("grade across attempts", max_length=16, choices=Grading.choices, default=Grading.HIGHEST)
    time_limit_minutes = models.PositiveIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1)], help_text="Leave empty for no time limit."
    )
    closes_at = models.DateTimeField(
        null=True, blank=True, help_text="After this time no attempt can be started; “after close” review applies."
    )
    shuffle_questions = models.BooleanField(default=False)
    shuffle_choices = models.BooleanField(default=True, help_text="Questions that turn shuffling off keep their order.")
    # What a learner sees when reviewing an attempt: straight after submitting, and once the quiz has closed.
    review_answers_after_submit = models.BooleanField("their answers", default=True)
    review_correctness_after_submit = models.BooleanField("whether each answer was right", default=True)
    review_right_answers_after_submit = models.BooleanField("the right answers", default=False)
    review_feedback_after_submit = models.BooleanField("feedback", default=True)
    review_answers_after_close = models.BooleanField("their answers", default=True)
    review_correctness_after_close = models.BooleanField("whether each answer was right", default=True)
    review_right_answers_after_close = models.BooleanField("the right answers", default=True)
    review_feedback_after_close = models.BooleanField("feedback", default=True)

    class Meta:
        verbose_name_plural = "quizzes"
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(pass_mark__gte=0, pass_mark__lte=100), name="quizzes_quiz_pass_mark_0_100"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class QuizQuestion(models.Model):
    """A question chosen for a quiz, in the trainer's order."""

    quiz = ParentalKey(Quiz, on_delete=models.CASCADE, related_name="quiz_questions")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    order = models.PositiveIntegerField(default=0, editable=False)

    sort_order_field = "order"

    class Meta:
        ordering = ["order", "pk"]
        constraints = [models.UniqueConstraint(fields=["quiz", "question"], name="quizzes_question_once_per_quiz")]

    def __str__(self) -> str:
        return str(self.question)


class FeedbackBand(models.Model):
    """Overall feedback for a score from `min_percent` up to the next band."""

    quiz = ParentalKey(Quiz, on_delete=models.CASCADE, related_name="feedback_bands")
    order = models.PositiveIntegerField(default=0, editable=False)
    min_percent = models.DecimalField(
        "from (%)",
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )
    text = models.TextField()

    sort_order_field = "order"

    class Meta:
        ordering = ["-min_percent"]

    def __str__(self) -> str:
        return f"from {self.min_percent}%"


class QuizGrade(models.Model):
    """A member's standing on a quiz placed in a module: the grade across their
    finished attempts. Its row is also the lock that serialises their starts
    and submissions, so the attempt limit holds however many tabs they use."""

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_grades")
    quiz = models.ForeignKey(Quiz, on_delete=models.PROTECT, related_name="grades")
    module = models.ForeignKey("courses.ModulePage", on_delete=models.PROTECT, related_name="+")
    percent = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    passed = models.BooleanField(default=False)
    passed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "quiz", "module"], name="quizzes_one_grade_per_member_quiz")
        ]

    def __str__(self) -> str:
        return f"{self.member_id} on quiz {self.quiz_id}: {self.percent}"


class Attempt(models.Model):
    class State(models.TextChoices):
        IN_PROGRESS = "in_progress", "In progress"
        NEEDS_GRADING = "needs_grading", "Waiting for a trainer to mark"
        FINISHED = "finished", "Finished"

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_attempts")
    quiz = models.ForeignKey(Quiz, on_delete=models.PROTECT, related_name="attempts")
    module = models.ForeignKey("courses.ModulePage", on_delete=models.PROTECT, related_name="+")
    number = models.PositiveIntegerField()
    state = models.CharField(max_length=16, choices=State.choices, default=State.IN_PROGRESS)
    started_at = models.DateTimeField(default=timezone.now)
    deadline = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    timed_out = models.BooleanField(default=False, help_text="Submitted by the server when its time ran out.")
    marks = models.DecimalField(max_digits=12, decimal_places=4, null=True, blank=True)
    max_marks = models.DecimalField(max_digits=12, decimal_places=4, default=Decimal(0))
    percent = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    passed = models.BooleanField(null=True)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["member", "quiz", "module", "number"], name="quizzes_attempt_number_unique")
        ]
        indexes = [
            models.Index(fields=["quiz", "state"], name="quizzes_attempt_quiz_state"),
            models.Index(fields=["state", "deadline"], name="quizzes_attempt_deadline"),
        ]

    def __str__(self) -> str:
        return f"Attempt {self.number} by {self.member_id} on quiz {self.quiz_id}"


class Response(models.Model):
    """One question of an attempt, in its frozen position, with what the learner
    answered and (after submission) the mark it earned. Item analysis reads these rows."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="responses")
    slot = models.PositiveIntegerField()
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    max_mark = models.DecimalField(max_digits=12, decimal_places=7)
    # Frozen at start: answer ids in the order shown (choice questions), or for matching
    # {"left": [pair ids], "right": [texts]} in the order shown.
    layout = models.JSONField(default=list, blank=True)
    text = models.TextField(blank=True)  # short answer, numerical and essay
    matches = models.JSONField(default=dict, blank=True)  # matching: {pair id: chosen right text}
    answered = models.BooleanField(default=False)
    fraction = models.DecimalField(max_digits=8, decimal_places=7, null=True, blank=True)
    mark = models.DecimalField(max_digits=12, decimal_places=7, null=True, blank=True)
    needs_grading = models.BooleanField(default=False)
    trainer_comment = models.TextField(blank=True)

    class Meta:
        ordering = ["slot"]
        constraints = [models.UniqueConstraint(fields=["attempt", "slot"], name="quizzes_response_slot_unique")]
        indexes = [models.Index(fields=["question"], name="quizzes_response_question")]

    def __str__(self) -> str:
        return f"{self.attempt_id} · question {self.slot}"


class ResponseChoice(models.Model):
    """A choice the learner ticked (single, multiple response, true/false)."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="choices")
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["response", "answer"], name="quizzes_choice_once")]
        indexes = [models.Index(fields=["answer"], name="quizzes_choice_answer")]

    def __str__(self) -> str:
        return f"{self.response_id} → {self.answer_id}"
