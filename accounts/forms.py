from typing import Any, cast

from django import forms
from django.http import HttpRequest
from wagtail.users.forms import UserCreationForm, UserEditForm

from accounts.choices import Region, Sector
from accounts.models import EnewsConsentChange, User
from accounts.services import member_update_profile

PROFILE_FIELDS = ["full_name", "organisation", "job_role", "sector", "region"]


def choices_with_prompt(form: forms.Form) -> None:
    """Selects open on a prompt ("Select your sector"), not Django's "---------"."""
    cast(forms.ChoiceField, form.fields["sector"]).choices = [("", "Select your sector"), *Sector.choices]
    cast(forms.ChoiceField, form.fields["region"]).choices = [("", "Select your region"), *Region.choices]


class ProfileFieldsMixin(forms.Form):
    enews_consent = forms.BooleanField(
        required=False,
        label="Send me the monthly i-HOP e-news",
        help_text="Optional. You can stop it at any time from your account or any e-news email.",
    )


class SignupProfileForm(ProfileFieldsMixin, forms.ModelForm):
    """The profile questions on allauth's sign-up form (allauth adds email and password)."""

    class Meta:
        model = User
        fields = PROFILE_FIELDS
        widgets = {"full_name": forms.TextInput(attrs={"autocomplete": "name"})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices_with_prompt(self)

    def signup(self, request: HttpRequest, user: User) -> None:
        member_update_profile(
            member=user,
            enews_consent=self.cleaned_data["enews_consent"],
            route=EnewsConsentChange.Route.SIGN_UP,
            **{name: self.cleaned_data[name] for name in PROFILE_FIELDS},
        )


class ProfileForm(ProfileFieldsMixin, forms.ModelForm):
    class Meta:
        model = User
        fields = PROFILE_FIELDS
        widgets = {
            "full_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "organisation": forms.TextInput(attrs={"autocomplete": "organization"}),
            "job_role": forms.TextInput(attrs={"autocomplete": "organization-title"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["enews_consent"].initial = self.instance.enews_consent
        choices_with_prompt(self)


class WagtailMemberCreationForm(UserCreationForm):
    first_name = None
    last_name = None

    class Meta(UserCreationForm.Meta):
        fields = {"email", "full_name", "is_superuser", "groups"}


class WagtailMemberEditForm(UserEditForm):
    first_name = None
    last_name = None

    class Meta(UserEditForm.Meta):
        fields = {
            "email",
            "full_name",
            "organisation",
            "job_role",
            "sector",
            "region",
            "is_active",
            "is_superuser",
            "groups",
        }


class EraseAccountForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="To confirm it is you.",
    )

    def __init__(self, *args: Any, member: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.member = member

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        if not self.member.check_password(password):
            raise forms.ValidationError("That password is not right. Nothing has been deleted.")
        return password
