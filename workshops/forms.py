from django import forms


class BookingForm(forms.Form):
    access_needs = forms.CharField(
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Access needs",
        help_text="Only this workshop's trainers see this, and it is deleted after the workshop.",
    )
    dietary_needs = forms.CharField(
        required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2}), label="Dietary needs"
    )


class AttendeesMessageForm(forms.Form):
    subject = forms.CharField(max_length=150)
    body = forms.CharField(max_length=5000, widget=forms.Textarea(attrs={"rows": 6}), label="Message")


class WorkshopCancelForm(forms.Form):
    reason = forms.CharField(
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Reason",
        help_text="Sent to everyone booked.",
    )
    confirm = forms.BooleanField(label="Yes, cancel this workshop and tell everyone booked")
