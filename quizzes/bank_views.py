"""Import and export of the question bank, for trainers, in the Wagtail admin's
look. Served under /quizzes/bank/ (members-only, then a permission check that
answers 404), so a signed-out visitor is sent to the site's sign-in like every
other members-only view; the admin menu links here."""

import base64
import binascii
from typing import Any

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from elearning.web import staff_required
from quizzes.bank import (
    GIFT,
    MOODLE_XML,
    category_get_or_create_path,
    questions_export,
    questions_import,
    questions_parse,
)
from quizzes.formats import FormatError, NotRepresentableError, ParsedQuestion
from quizzes.models import QuestionCategory
from quizzes.selectors import plain

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
PAYLOAD_SALT = "quizzes.bank.import"
FORMAT_BY_EXTENSION = {".gift": GIFT, ".txt": GIFT, ".xml": MOODLE_XML}


class ImportForm(forms.Form):
    file = forms.FileField(help_text="A GIFT (.gift, .txt) or Moodle XML (.xml) file, up to 5 MB.")
    category = forms.ModelChoiceField(
        queryset=QuestionCategory.objects.all(),
        required=False,
        help_text="Questions go here; categories named in the file are created below it.",
    )
    new_category = forms.CharField(
        required=False,
        max_length=500,
        label="…or a new category",
        help_text='For example "Facts/Prison"; created if missing.',
    )
    format = forms.ChoiceField(
        choices=[("", "From the file name"), (GIFT, "GIFT"), (MOODLE_XML, "Moodle XML")], required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("category") and not (data.get("new_category") or "").strip():
            raise ValidationError("Choose a category, or name a new one.")
        upload = data.get("file")
        if upload is not None:
            if upload.size > MAX_UPLOAD_BYTES:
                raise ValidationError("The file is over 5 MB; split it into smaller files.")
            if not data.get("format"):
                suffix = "." + upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
                data["format"] = FORMAT_BY_EXTENSION.get(suffix, "")
                if not data["format"]:
                    raise ValidationError("Cannot tell the format from the file name: choose GIFT or Moodle XML.")
        return data


class ExportForm(forms.Form):
    category = forms.ModelChoiceField(queryset=QuestionCategory.objects.all(), label="Category to export")
    format = forms.ChoiceField(
        choices=[(GIFT, "GIFT"), (MOODLE_XML, "Moodle XML")], widget=forms.RadioSelect, initial=GIFT
    )


def _target_path(category: QuestionCategory | None, new_category: str) -> tuple[tuple[str, ...], int | None]:
    if category is not None:
        return (), category.pk
    return tuple(name.strip() for name in new_category.split("/")), None


@staff_required("quizzes.add_question")
@require_http_methods(["GET", "POST"])
def bank_import(request: HttpRequest) -> HttpResponse:
    """Upload → preview (nothing written) → import (all or nothing)."""
    context: dict[str, Any] = {"page_title": "Import questions", "export_form": ExportForm()}
    if request.method == "POST" and "payload" in request.POST:
        return _confirm(request, context)
    form = ImportForm(request.POST or None, request.FILES or None)
    context["form"] = form
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            parsed = questions_parse(data=data, format=form.cleaned_data["format"])
        except FormatError as error:
            form.add_error("file", f"{upload.name}: {error}. Nothing was imported.")
        else:
            path, category_id = _target_path(form.cleaned_data["category"], form.cleaned_data["new_category"])
            context.update(
                preview=_preview(parsed),
                file_name=upload.name,
                target=str(form.cleaned_data["category"] or "/".join(path)),
                payload=signing.dumps(
                    {
                        "data": base64.b64encode(data).decode(),
                        "format": form.cleaned_data["format"],
                        "name": upload.name,
                        "category": category_id,
                        "path": list(path),
                    },
                    salt=PAYLOAD_SALT,
                    compress=True,
                ),
            )
    return render(request, "quizzes/bank/import.html", context)


def _confirm(request: HttpRequest, context: dict[str, Any]) -> HttpResponse:
    try:
        payload = signing.loads(request.POST["payload"], salt=PAYLOAD_SALT, max_age=3600)
        data = base64.b64decode(payload["data"])
    except (signing.BadSignature, KeyError, binascii.Error):
        messages.error(request, "That preview has expired or was changed; upload the file again.")
        return redirect("quizzes:bank_import")
    name = payload["name"]
    try:
        parsed = questions_parse(data=data, format=payload["format"])
        with transaction.atomic():
            if payload["category"] is not None:
                category = QuestionCategory.objects.get(pk=payload["category"])
            else:
                category = category_get_or_create_path(path=tuple(payload["path"]))
            questions = questions_import(parsed=parsed, category=category)
    except (FormatError, ValueError, QuestionCategory.DoesNotExist) as error:
        messages.error(request, f"{name}: {error}. Nothing was imported.")
        return redirect("quizzes:bank_import")
    except ValidationError as error:
        messages.error(request, f"{name}: {'; '.join(error.messages)}. Nothing was imported.")
        return redirect("quizzes:bank_import")
    messages.success(request, f"Imported {len(questions)} question(s) from {name} into “{category}”.")
    return redirect(reverse("wagtailsnippets_quizzes_question:list"))


def _preview(parsed: list[ParsedQuestion]) -> list[dict[str, Any]]:
    return [
        {
            "number": number,
            "kind": item.kind.value.replace("_", " "),
            "category": "/".join(item.category),
            "label": item.name or plain(item.stem)[:120],
            "answers": len(item.answers) or len(item.matches),
        }
        for number, item in enumerate(parsed, start=1)
    ]


@staff_required("quizzes.view_question")
@require_GET
def bank_export(request: HttpRequest) -> HttpResponse:
    form = ExportForm(request.GET)
    if not form.is_valid():
        messages.error(request, "Choose a category and a format to export.")
        return redirect("quizzes:bank_import")
    category = form.cleaned_data["category"]
    file_format = form.cleaned_data["format"]
    try:
        content = questions_export(category=category, format=file_format)
    except NotRepresentableError as error:
        messages.error(request, f"Cannot export “{category}” as {file_format}: {error}")
        return redirect("quizzes:bank_import")
    extension = "gift" if file_format == GIFT else "xml"
    mimetype = "text/plain; charset=utf-8" if file_format == GIFT else "application/xml"
    response = HttpResponse(content, content_type=mimetype)
    slug = "".join(character if character.isalnum() else "-" for character in category.name).strip("-") or "questions"
    response["Content-Disposition"] = f'attachment; filename="{slug}.{extension}"'
    return response
