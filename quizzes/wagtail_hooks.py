"""The question bank in the Wagtail admin: categories and questions as snippets,
answers and matching pairs edited inline on their question."""

from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from quizzes.models import Question, QuestionCategory, Quiz


class QuestionCategoryViewSet(SnippetViewSet):
    model = QuestionCategory
    icon = "folder-open-inverse"
    menu_label = "Categories"
    list_display = ["__str__"]
    panels = [FieldPanel("name"), FieldPanel("parent"), FieldPanel("info"), FieldPanel("info_format")]


class QuestionViewSet(SnippetViewSet):
    model = Question
    icon = "help"
    menu_label = "Questions"
    list_display = ["__str__", "kind", "category", "created_at"]
    list_filter = ["kind", "category"]
    panels = [
        FieldRowPanel([FieldPanel("category"), FieldPanel("kind")]),
        FieldPanel("name"),
        FieldPanel("stem"),
        FieldPanel("stem_format"),
        FieldPanel("source"),
        FieldPanel("general_feedback"),
        FieldPanel("general_feedback_format"),
        InlinePanel(
            "answers",
            label="Answers",
            panels=[
                FieldPanel("text"),
                FieldPanel("text_format"),
                FieldPanel("fraction"),
                FieldPanel("feedback"),
                FieldPanel("feedback_format"),
                FieldPanel("tolerance"),
            ],
        ),
        InlinePanel(
            "match_pairs",
            label="Matching pairs",
            heading="Matching pairs (matching questions only)",
            panels=[FieldPanel("left"), FieldPanel("left_format"), FieldPanel("right")],
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("response_format"), FieldPanel("response_required")]),
                FieldRowPanel(
                    [FieldPanel("response_field_lines"), FieldPanel("min_word_limit"), FieldPanel("max_word_limit")]
                ),
                FieldRowPanel([FieldPanel("attachments"), FieldPanel("attachments_required")]),
                FieldPanel("response_template"),
                FieldPanel("response_template_format"),
                FieldPanel("grader_info"),
                FieldPanel("grader_info_format"),
            ],
            heading="Essay options (essay questions only)",
        ),
        MultiFieldPanel(
            [
                FieldPanel("shuffle_answers"),
                FieldPanel("case_sensitive"),
                FieldRowPanel([FieldPanel("default_mark"), FieldPanel("penalty")]),
            ],
            heading="Marking",
        ),
    ]


class QuizViewSet(SnippetViewSet):
    model = Quiz
    icon = "tasks"
    menu_label = "Quizzes"
    list_display = [
        "title",
        "pass_mark",
        "attempts_allowed",
        "grading",
        Column(
            "analysis",
            label="Item analysis",
            accessor=lambda quiz: format_html(
                '<a href="{}">Item analysis</a>', reverse("quizzes:analysis", args=[quiz.pk])
            ),
        ),
    ]
    panels = [
        FieldPanel("title"),
        FieldPanel("intro"),
        InlinePanel("quiz_questions", label="Chosen questions", panels=[FieldPanel("question")]),
        FieldRowPanel([FieldPanel("random_category"), FieldPanel("random_count")], heading="Random questions"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("pass_mark"), FieldPanel("attempts_allowed"), FieldPanel("grading")]),
                FieldRowPanel([FieldPanel("time_limit_minutes"), FieldPanel("closes_at")]),
                FieldRowPanel([FieldPanel("shuffle_questions"), FieldPanel("shuffle_choices")]),
            ],
            heading="Marking and attempts",
        ),
        InlinePanel(
            "feedback_bands",
            label="Overall feedback",
            heading="Overall feedback by score band",
            panels=[FieldPanel("min_percent"), FieldPanel("text")],
        ),
        MultiFieldPanel(
            [
                FieldPanel("review_answers_after_submit"),
                FieldPanel("review_correctness_after_submit"),
                FieldPanel("review_right_answers_after_submit"),
                FieldPanel("review_feedback_after_submit"),
            ],
            heading="Learners see, straight after submitting",
        ),
        MultiFieldPanel(
            [
                FieldPanel("review_answers_after_close"),
                FieldPanel("review_correctness_after_close"),
                FieldPanel("review_right_answers_after_close"),
                FieldPanel("review_feedback_after_close"),
            ],
            heading="Learners see, once the quiz has closed",
        ),
    ]


class QuestionBankViewSetGroup(SnippetViewSetGroup):
    items = (QuizViewSet, QuestionViewSet, QuestionCategoryViewSet)
    menu_label = "Question bank"
    menu_icon = "help"
    menu_order = 300


register_snippet(QuestionBankViewSetGroup)


class BankImportMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return request.user.has_perm("quizzes.add_question")


@hooks.register("register_admin_menu_item")
def bank_import_menu_item() -> MenuItem:
    return BankImportMenuItem(
        "Import / export questions", reverse("quizzes:bank_import"), icon_name="upload", order=301
    )
