from django import forms


class ScheduleForm(forms.Form):
    send_at = forms.DateTimeField(
        label="Send at",
        required=False,
        help_text="Leave empty to send now. UK time.",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
