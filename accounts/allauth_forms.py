"""allauth's own forms (sign in, passwords), relabelled in sentence case; ACCOUNT_FORMS names
them. Apart from accounts/forms.py because allauth's forms import that module's sign-up form."""

from typing import Any

from allauth.account import forms as allauth_forms
from django import forms


class SentenceCaseLabels:
    """allauth's labels are in Title Case: these say them in the design system's sentence case,
    with no placeholders (the label is always shown, and a placeholder that repeats it is noise
    to a screen reader). Mixed into allauth's forms through ACCOUNT_FORMS."""

    labels: dict[str, str] = {}
    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, label in self.labels.items():
            self.fields[name].label = label
            self.fields[name].widget.attrs.pop("placeholder", None)


class LoginForm(SentenceCaseLabels, allauth_forms.LoginForm):
    labels = {"password": "Password", "remember": "Remember me"}


class ChangePasswordForm(SentenceCaseLabels, allauth_forms.ChangePasswordForm):
    labels = {"oldpassword": "Current password", "password1": "New password", "password2": "New password again"}


class SetPasswordForm(SentenceCaseLabels, allauth_forms.SetPasswordForm):
    labels = {"password1": "Password", "password2": "Password again"}


class ResetPasswordKeyForm(SentenceCaseLabels, allauth_forms.ResetPasswordKeyForm):
    labels = {"password1": "New password", "password2": "New password again"}


class ReauthenticateForm(SentenceCaseLabels, allauth_forms.ReauthenticateForm):
    labels = {"password": "Password"}
