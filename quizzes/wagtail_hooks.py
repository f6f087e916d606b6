"""The question bank in the Wagtail admin: categories and questions as snippets,
answers and matching pairs edited inline on their question."""

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from quizzes.models import Question, QuestionCategory


class QuestionCategoryViewSet(SnippetViewSet):
    model = QuestionCategory
    icon = "folder-open-inverse"
    menu_label = "Categories"
    list_display = ["__str__"]
    panels = [FieldPanel("name"), FieldPanel("parent")]


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
        InlinePanel(
            "answers",
            label="Answers",
            panels=[FieldPanel("text"), FieldPanel("fraction"), FieldPanel("feedback"), FieldPanel("tolerance")],
        ),
        InlinePanel(
            "match_pairs",
            label="Matching pairs",
            heading="Matching pairs (matching questions only)",
            panels=[FieldPanel("left"), FieldPanel("right")],
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


class QuestionBankViewSetGroup(SnippetViewSetGroup):
    items = (QuestionViewSet, QuestionCategoryViewSet)
    menu_label = "Question bank"
    menu_icon = "help"
    menu_order = 300


register_snippet(QuestionBankViewSetGroup)
