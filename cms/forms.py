"""Admin forms for the resource library's snippets."""

from collections.abc import Sequence

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from accounts.choices import Sector
from cms.choices import Audience, Stage


def _in_choice_order(values: Sequence[str], choices: Sequence[tuple[str, str]]) -> list[str]:
    # Stored in the order the choices are listed, so the same selection is always the same list.
    chosen = set(values)
    return [value for value, _ in choices if value in chosen]


class ResourceForm(WagtailAdminModelForm):
    """Sectors and stages are JSON lists on the model; editors tick them.

    Declared here because a JSONField's own form field is a text box for raw
    JSON. These give the model a plain list of choice values to validate.
    """

    sectors = forms.MultipleChoiceField(
        choices=Sector.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Who it is for. Tick every sector it is useful to.",
    )
    stages = forms.MultipleChoiceField(
        choices=Stage.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Which stages of a family's journey it helps with.",
    )

    def clean_sectors(self) -> list[str]:
        return _in_choice_order(self.cleaned_data["sectors"], Sector.choices)

    def clean_stages(self) -> list[str]:
        return _in_choice_order(self.cleaned_data["stages"], Stage.choices)


class OrganisationForm(WagtailAdminModelForm):
    """Who the organisation serves is a JSON list on the model; editors tick it."""

    serves = forms.MultipleChoiceField(
        choices=Audience.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Who its services are for. The directory filters on this.",
    )

    def clean_serves(self) -> list[str]:
        return _in_choice_order(self.cleaned_data["serves"], Audience.choices)
