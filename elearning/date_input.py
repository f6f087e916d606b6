"""The design system's date input pattern for any form: a date typed as day, month and year."""

from datetime import date
from typing import Any

from django import forms


class DayMonthYearWidget(forms.MultiWidget):
    """The design system's date input: day, month and year boxes, named `<name>_day`, `<name>_month`,
    `<name>_year`. Rendered inside a fieldset whose legend is the field's label.
    An address with the whole date under the field's own name (`?date_from=2025-06-01`) still works."""

    # Under cms/templates: Django renders widgets from app template folders, not the project's.
    template_name = "forms/widgets/day_month_year.html"
    # includes/form_field.html puts it in a fieldset whose legend is the label, as the pattern asks.
    use_fieldset = True
    PARTS = (("day", "Day", 2), ("month", "Month", 2), ("year", "Year", 4))

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({name: forms.TextInput() for name, _, _ in self.PARTS}, attrs)

    def decompress(self, value: Any) -> list[str]:
        if isinstance(value, date):
            return [str(value.day), str(value.month), str(value.year)]
        if isinstance(value, str) and value:
            try:
                parsed = date.fromisoformat(value)
            except ValueError:
                return ["", "", ""]
            return [str(parsed.day), str(parsed.month), str(parsed.year)]
        return ["", "", ""]

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        if data.get(name):
            return data[name]
        return [(part or "").strip() for part in super().value_from_datadict(data, files, name)]

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return name not in data and super().value_omitted_from_data(data, files, name)

    def id_for_label(self, id_: str) -> str:
        return f"{id_}_day" if id_ else ""

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        has_error = "--error" in widget["attrs"].get("class", "")
        for subwidget, (part, label, width) in zip(widget["subwidgets"], self.PARTS, strict=True):
            sub_attrs = subwidget["attrs"]
            if "id" in sub_attrs:
                sub_attrs["id"] = f"{widget['attrs']['id']}_{part}"
            # The hint and error belong to the fieldset, which is described by them.
            sub_attrs.pop("aria-describedby", None)
            sub_attrs["class"] = f"govuk-input govuk-date-input__input govuk-input--width-{width}" + (
                " govuk-input--error" if has_error else ""
            )
            sub_attrs["inputmode"] = "numeric"
            subwidget["label"] = label
        return context


class DayMonthYearField(forms.DateField):
    """A date typed as day, month and year, as the design system asks: no browser date picker, whose
    look and keyboard differ in every browser."""

    widget = DayMonthYearWidget
    default_error_messages = {"invalid": "Enter a real date, with a 4-digit year, like 3 11 2025."}

    def to_python(self, value: Any) -> date | None:
        if isinstance(value, (list, tuple)):
            if not any(value):
                return None
            day, month, year = value
            if not (day.isdigit() and month.isdigit() and year.isdigit() and len(year) == 4):
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
            try:
                return date(int(year), int(month), int(day))
            except ValueError:
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        return super().to_python(value)
