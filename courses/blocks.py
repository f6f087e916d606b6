"""StreamField blocks for module bodies.

Courses defines the content blocks; the activity blocks (a quiz, a SCORM
package) belong to their apps and are named in `COURSES_ACTIVITY_BLOCKS`, so
courses imports none of them (see courses.activities).
"""

from typing import Any
from urllib.parse import parse_qs, urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.module_loading import import_string
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock

# Headings, emphasis, lists and links only: no raw HTML, embeds or images in text.
MODULE_RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class KeyFactBlock(blocks.StructBlock):
    figure = blocks.CharBlock(max_length=40, help_text="The figure itself, such as 65% or 200,000.")
    statement = blocks.CharBlock(max_length=300, help_text="What the figure means, in one sentence.")
    source = blocks.CharBlock(max_length=300, help_text="Author, title, publisher and year.")

    class Meta:
        icon = "pick"
        label = "Key fact"
        # The same figure, statement and source as the home page's fact: one template for both.
        template = "cms/blocks/fact.html"


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


class ModuleBodyBlock(blocks.StreamBlock):
    rich_text = blocks.RichTextBlock(features=MODULE_RICH_TEXT_FEATURES, label="Text")
    key_fact = KeyFactBlock()
    quote = QuoteBlock()
    case_study = CaseStudyBlock()
    reflection = ReflectionBlock()
    image = ImageBlock()
    video = VideoBlock()
    callout = CalloutBlock()

    def __init__(self, local_blocks: Any = None, **kwargs: Any) -> None:
        # The activities come after the content blocks, in the setting's order; their block
        # types ("quiz", "scorm") are what stored bodies name, so they never change.
        activities = [(name, import_string(path)()) for name, path in settings.COURSES_ACTIVITY_BLOCKS.items()]
        super().__init__([*activities, *(local_blocks or [])], **kwargs)
