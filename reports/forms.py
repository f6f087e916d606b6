from typing import Any

from django import forms

from accounts.choices import Region, Sector
from reports.dashboard import DashboardFilters


class DashboardFilterForm(forms.Form):
    """The dashboard's filters, read from the query string so a link reproduces the view."""

    date_from = forms.DateField(label="From", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label="To", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    sector = forms.ChoiceField(label="Sector", required=False, choices=[("", "All sectors"), *Sector.choices])
    region = forms.ChoiceField(label="Region", required=False, choices=[("", "All regions"), *Region.choices])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError("The “From” date must be on or before the “To” date.")
        return cleaned

    def filters(self) -> DashboardFilters:
        """The filters chosen, or none at all when any is invalid (the form then says why)."""
        if not self.is_valid():
            return DashboardFilters()
        data = self.cleaned_data
        return DashboardFilters(
            date_from=data["date_from"], date_to=data["date_to"], sector=data["sector"], region=data["region"]
        )
