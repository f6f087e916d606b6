"""Django form fields in GOV.UK Frontend's markup: one set of templates
(templates/includes/form_field.html and templates/forms/) for every form of ours
and allauth's, so a field looks and behaves the same everywhere.

The widget keeps Django's own rendering (its value, attributes and `id`); only
the design system's class and the ids of the hint and error message are added,
so a screen reader reads them with the field.
"""

from typing import Any

from django import template
from django.forms import BoundField
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()

# Django's widget_type -> the design system's class for that control.
WIDGET_CLASS = {
    "select": "govuk-select",
    "selectmultiple": "govuk-select",
    "nullbooleanselect": "govuk-select",
    "textarea": "govuk-textarea",
    "checkbox": "govuk-checkboxes__input",
    "clearablefile": "govuk-file-upload",
    "file": "govuk-file-upload",
}
CHOICE_WIDGETS = {"radioselect": "radios", "checkboxselectmultiple": "checkboxes"}


def _described_by(field: BoundField) -> str:
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}_helptext")
    if field.errors:
        ids.append(f"{field.auto_id}_error")
    return " ".join(ids)


@register.filter
def govuk_widget(field: BoundField) -> SafeString:
    """The field's control with the design system's class, marked invalid when it has errors."""
    widget_type = field.widget_type
    css = WIDGET_CLASS.get(widget_type, "govuk-input")
    if field.errors and widget_type != "checkbox":
        css += f" {css}--error"
    own = field.field.widget.attrs.get("class")
    attrs: dict[str, Any] = {"class": f"{css} {own}" if own else css}
    if described_by := _described_by(field):
        attrs["aria-describedby"] = described_by
    return field.as_widget(attrs=attrs)


@register.filter
def govuk_choice_kind(field: BoundField) -> str:
    """ "radios" or "checkboxes" for a field of options, else ""."""
    return CHOICE_WIDGETS.get(field.widget_type, "")


@register.simple_tag
def govuk_choice_input(option: Any, kind: str) -> SafeString:
    """One radio or checkbox of a field of options, keeping Django's name, value, id and checked state."""
    data = option.data
    attrs = {**data["attrs"], "class": f"govuk-{kind}__input"}
    return format_html(
        '<input type="{}" name="{}" value="{}"{}>', data["type"], data["name"], data["value"], flatatt(attrs)
    )


@register.filter
def govuk_anchor(field: BoundField) -> str:
    """The id the error summary links to: the control, or a field of options' first option."""
    if field.widget_type in CHOICE_WIDGETS:
        return f"{field.auto_id}_0"
    return field.id_for_label or field.auto_id
