"""StreamField blocks for module bodies.

The quiz and SCORM blocks (their own issues) slot into ModuleBodyBlock as
further StructBlocks; a module's completion asks each required block whether
it is satisfied (see courses.services.module_complete).
"""

from typing import Any
from urllib.parse import parse_qs, urlsplit

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

# Headings, emphasis, lists and links only: no raw HTML, embeds or images in text.
MODULE_RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class KeyFactBlock(blocks.StructBlock):
    figure = blocks.CharBlock(max_length=40, help_text="The figure itself, such as 65% or 200,000.")
    statement = blocks.CharBlock(max_length=300, help_text="What the figure means, in one sentence.")
    source = blocks.CharBlock(max_length=300, help_text="Author, title, publisher and year.")

    class Meta:
        icon = "pick"
        label = "Key fact"
        template = "courses/blocks/key_fact.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(max_length=600)
    attribution = blocks.CharBlock(max_length=120, help_text="For example: 7 year old girl")
    speaker = blocks.ChoiceBlock(
        choices=[("child", "Child"), ("parent", "Parent or carer"), ("professional", "Professional")]
    )

    class Meta:
        icon = "openquote"
        label = "Quote"
        template = "courses/blocks/quote.html"


class CaseStudyBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=150)
    body = blocks.RichTextBlock(features=MODULE_RICH_TEXT_FEATURES)

    class Meta:
        icon = "user"
        label = "Case study"
        template = "courses/blocks/case_study.html"


class ReflectionBlock(blocks.StructBlock):
    """A question the learner answers privately; their answer is saved against this block's id."""

    prompt = blocks.TextBlock(max_length=500)

    class Meta:
        icon = "help"
        label = "Reflection prompt"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(max_length=250, help_text="Describe the image for people who cannot see it. Required.")
    caption = blocks.CharBlock(max_length=250, required=False)

    class Meta:
        icon = "image"
        label = "Image"
        template = "courses/blocks/image.html"


def video_embed_url(url: str) -> str:
    """The privacy-friendly embed address for an allow-listed video URL.

    Raises ValueError for any other address: only YouTube and Vimeo videos
    may be embedded, and only through their own player origins.
    """
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    if parts.scheme != "https":
        raise ValueError("Use an https:// address.")
    if host in {"www.youtube.com", "youtube.com", "m.youtube.com"}:
        video_id = parse_qs(parts.query).get("v", [""])[0]
        if parts.path.startswith("/embed/"):
            video_id = parts.path.removeprefix("/embed/")
    elif host == "youtu.be":
        video_id = parts.path.lstrip("/")
    elif host in {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}:
        video_id = parts.path.rstrip("/").rsplit("/", 1)[-1]
        if not video_id.isdigit():
            raise ValueError("That does not look like a Vimeo video address.")
        return f"https://player.vimeo.com/video/{video_id}"
    else:
        raise ValueError("Only YouTube and Vimeo videos can be embedded.")
    if not video_id or not all(character.isalnum() or character in "-_" for character in video_id):
        raise ValueError("That does not look like a YouTube video address.")
    return f"https://www.youtube-nocookie.com/embed/{video_id}"


class VideoBlock(blocks.StructBlock):
    url = blocks.URLBlock(help_text="A YouTube or Vimeo address.")
    title = blocks.CharBlock(max_length=150, help_text="Names the video for screen-reader users.")
    transcript = blocks.TextBlock(required=False, help_text="A transcript or summary for people who cannot watch.")

    class Meta:
        icon = "media"
        label = "Video"
        template = "courses/blocks/video.html"

    def clean(self, value: Any) -> Any:
        value = super().clean(value)
        try:
            video_embed_url(value["url"])
        except ValueError as error:
            raise StructBlockValidationError(block_errors={"url": ValidationError(str(error))}) from error
        return value

    def get_context(self, value: Any, parent_context: dict[str, Any] | None = None) -> dict[str, Any]:
        context = super().get_context(value, parent_context)
        context["embed_url"] = video_embed_url(value["url"])
        return context


class CalloutBlock(blocks.StructBlock):
    style = blocks.ChoiceBlock(choices=[("tip", "Tip"), ("info", "Good to know"), ("warning", "Take care")])
    title = blocks.CharBlock(max_length=120)
    text = blocks.TextBlock(max_length=1000)

    class Meta:
        icon = "warning"
        label = "Callout"
        template = "courses/blocks/callout.html"


class QuizBlock(blocks.StructBlock):
    """A quiz from the question bank (the model named as a string: courses never imports quizzes)."""

    quiz = SnippetChooserBlock("quizzes.Quiz")
    required = blocks.BooleanBlock(
        required=False, default=True, help_text="Learners must pass it to finish the module."
    )

    class Meta:
        icon = "help"
        label = "Quiz"
        template = "quizzes/blocks/quiz.html"


class ScormBlock(blocks.StructBlock):
    """A SCORM package (the model named as a string: courses never imports scorm)."""

    package = SnippetChooserBlock("scorm.ScormPackage")
    attempts_allowed = blocks.IntegerBlock(
        min_value=0, default=0, help_text="How many attempts each learner may start; 0 for no limit."
    )
    new_attempt_after_completion = blocks.BooleanBlock(
        required=False, default=False, help_text="Start a fresh attempt when a learner returns after completing it."
    )
    mastery_score = blocks.DecimalBlock(
        required=False,
        min_value=0,
        max_value=100,
        help_text="Optional pass mark in percent; overrides the package's own when it reports a score.",
    )
    completion_rule = blocks.ChoiceBlock(
        choices=[
            ("completed", "Completed (or passed)"),
            ("passed", "Passed"),
            ("completed_and_passed", "Completed and passed"),
        ],
        default="completed",
        help_text="What the package must report for the module to count as done.",
    )
    required = blocks.BooleanBlock(
        required=False, default=True, help_text="Learners must complete it to finish the module."
    )

    class Meta:
        icon = "doc-full"
        label = "SCORM package"
        template = "scorm/blocks/scorm.html"


class ModuleBodyBlock(blocks.StreamBlock):
    rich_text = blocks.RichTextBlock(features=MODULE_RICH_TEXT_FEATURES, label="Text")
    key_fact = KeyFactBlock()
    quote = QuoteBlock()
    case_study = CaseStudyBlock()
    reflection = ReflectionBlock()
    image = ImageBlock()
    video = VideoBlock()
    callout = CalloutBlock()
    quiz = QuizBlock()
    scorm = ScormBlock()
