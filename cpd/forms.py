"""The learner's forms: an entry from elsewhere, and an evaluation. They parse; the rules are
the services' (cpd.services.external_entry_problems), so form and service agree."""

from typing import Any

from django import forms

from accounts.choices import Region, Sector
from cpd.selectors import GROUPINGS
from cpd.services import Confidence, external_entry_problems
from elearning.date_input import DayMonthYearField


class ExternalEntryForm(forms.Form):
    title = forms.CharField(max_length=200, help_text="For example, a conference, or another provider's course.")
    done_on = DayMonthYearField(label="Date", help_text="For example, 3 11 2025")
    # No max_digits: 1,000 hours parses, and the service's own rule says what is wrong with it.
    hours = forms.DecimalField(label="CPD hours", help_text="Up to 100, to one decimal place, like 1.5.")
    note = forms.CharField(max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if {"title", "done_on", "hours"} <= cleaned.keys():
            for name, problem in external_entry_problems(
                title=cleaned["title"], done_on=cleaned["done_on"], hours=cleaned["hours"]
            ).items():
                self.add_error(name, problem)
        return cleaned


SCALE = [(str(value), str(value)) for value in range(1, 6)]


def _rating_field(label: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=SCALE,
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )


class EvaluationForm(forms.Form):
    """Confidence before and after for each learning outcome, usefulness, and what will change.
    Every question is optional."""

    usefulness = _rating_field("How useful was it? (1 not at all, 5 very)")
    will_do_differently = forms.CharField(
        label="What will you do differently?",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Read by the trainers without your name. Please do not name children or families.",
    )

    def __init__(self, *args: Any, outcomes: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.outcomes = outcomes
        for position, _outcome in enumerate(outcomes):
            self.fields[f"before_{position}"] = _rating_field("Before")
            self.fields[f"after_{position}"] = _rating_field("After")

    def outcome_fields(self) -> list[tuple[str, forms.BoundField, forms.BoundField]]:
        return [
            (outcome, self[f"before_{position}"], self[f"after_{position}"])
            for position, outcome in enumerate(self.outcomes)
        ]

    def confidence(self) -> list[Confidence]:
        return [
            Confidence(self.cleaned_data.get(f"before_{position}"), self.cleaned_data.get(f"after_{position}"))
            for position in range(len(self.outcomes))
        ]


# A title as long as a course's would widen a phone's page: the select takes the width it has.
WIDE = "govuk-!-width-full"


class AggregateFilterForm(forms.Form):
    by = forms.ChoiceField(
        label="Group by",
        required=False,
        choices=[(key, key.capitalize()) for key in GROUPINGS],
    )
    course = forms.TypedChoiceField(
        label="Course", required=False, coerce=int, empty_value=None, widget=forms.Select(attrs={"class": WIDE})
    )
    workshop = forms.TypedChoiceField(
        label="Workshop", required=False, coerce=int, empty_value=None, widget=forms.Select(attrs={"class": WIDE})
    )
    sector = forms.ChoiceField(label="Sector", required=False, choices=[("", "Any sector"), *Sector.choices])
    region = forms.ChoiceField(label="Region", required=False, choices=[("", "Any region"), *Region.choices])

    def __init__(self, *args: Any, courses: list[tuple[Any, str]], workshops: list[tuple[Any, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        course_field, workshop_field = self.fields["course"], self.fields["workshop"]
        assert isinstance(course_field, forms.ChoiceField) and isinstance(workshop_field, forms.ChoiceField)
        course_field.choices = [("", "Every course"), *courses]
        workshop_field.choices = [("", "Every workshop"), *workshops]
