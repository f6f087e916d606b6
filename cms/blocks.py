"""StreamField blocks for the site's general pages."""

from wagtail import blocks

# Rich text features editors may use on public pages: no raw HTML, no embeds.
SAFE_RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120)
    text = blocks.TextBlock(max_length=400)
    link_text = blocks.CharBlock(max_length=60)
    link_url = blocks.RegexBlock(
        regex=r"^(/[^/\\]|https://)",
        max_length=200,
        help_text="A path on this site, such as /account/signup/, or a full https:// address.",
        error_messages={"invalid": "Enter a path starting with / or an address starting with https://"},
    )

    class Meta:
        icon = "link"
        template = "cms/blocks/call_to_action.html"


class FactBlock(blocks.StructBlock):
    figure = blocks.CharBlock(max_length=40, help_text="The figure itself, such as 200,000.")
    statement = blocks.CharBlock(max_length=240)
    source = blocks.CharBlock(max_length=300, help_text="Where the figure comes from.")

    class Meta:
        icon = "pick"
        template = "cms/blocks/fact.html"


class PageBodyBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(features=SAFE_RICH_TEXT_FEATURES)
    fact = FactBlock()
    call_to_action = CallToActionBlock()
