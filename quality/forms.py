from typing import Any

from django import forms

from accounts.choices import Region, Sector
from accounts.models import User
from accounts.validators import validate_printable_text
from quality.choices import ActionStatus, Rating, TeamRole
from quality.models import QualityStatement, TeamMembership


class AssessmentStartForm(forms.Form):
    organisation = forms.CharField(max_length=200, validators=[validate_printable_text])
    team_name = forms.CharField(
        label="Team or service",
        max_length=200,
        validators=[validate_printable_text],
        help_text="For example: Family support team, or Hillside Academy pastoral team.",
    )
    sector = forms.ChoiceField(choices=[("", "Choose a sector"), *Sector.choices])
    region = forms.ChoiceField(choices=[("", "Choose a region"), *Region.choices])


class InvitationForm(forms.Form):
    email = forms.EmailField(label="Colleague's email address", max_length=254)
    role = forms.ChoiceField(
        label="Their role",
        choices=[
            (TeamRole.CONTRIBUTOR, "Contributor: rates statements and works on the action plan"),
            (TeamRole.VIEWER, "Viewer: reads and downloads"),
            (TeamRole.OWNER, "Owner: also invites people and completes the assessment"),
        ],
        initial=TeamRole.CONTRIBUTOR,
        widget=forms.RadioSelect,
    )


class ResponseForm(forms.Form):
    rating = forms.TypedChoiceField(
        label="Where does your service stand?",
        choices=[("", "Not rated yet"), *Rating.choices],
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    met_items = forms.TypedMultipleChoiceField(
        label="Which of these does your service do?", coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    evidence = forms.CharField(
        label="Evidence and notes",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What shows where you stand: policies, records, examples. Only your team sees this.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args: Any, statement: QualityStatement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["met_items"]
        assert isinstance(field, forms.TypedMultipleChoiceField)
        field.choices = [(item.pk, item.text) for item in statement.checklist_items.all()]


class ActionForm(forms.Form):
    title = forms.CharField(label="Action", max_length=300, validators=[validate_printable_text])
    statement = forms.ModelChoiceField(
        queryset=QualityStatement.objects.all(), required=False, empty_label="Not about one statement"
    )
    owner = forms.ModelChoiceField(queryset=User.objects.none(), required=False, empty_label="No owner yet")
    due_on = forms.DateField(
        label="Due date",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="For example 2027-03-31.",
    )
    status = forms.ChoiceField(choices=ActionStatus.choices, initial=ActionStatus.TO_DO)
    remind_before_due = forms.BooleanField(
        label="Email the owner a reminder a few days before it is due", required=False
    )

    def __init__(self, *args: Any, assessment_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        member_ids = TeamMembership.objects.filter(assessment_id=assessment_id).values("member_id")
        field = self.fields["owner"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = User.objects.filter(pk__in=member_ids).order_by("full_name")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("remind_before_due") and not (data.get("owner") and data.get("due_on")):
            self.add_error("remind_before_due", "A reminder needs an owner and a due date.")
        return data
