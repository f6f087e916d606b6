"""Workshops in the Wagtail admin: trainers add and edit workshops with
their sessions inline; bookings, registers, messages and cancellation are on
the workshop's trainer pages (linked from the listing)."""

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import CopyViewMixin
from wagtail.log_actions import log
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import snippets as snippet_views

from accounts.choices import Sector
from accounts.roles import staff_members
from courses.models import CoursePage
from elearning.admin_scope import ScopedSnippetViewSet, refuse_out_of_scope
from workshops.models import Workshop
from workshops.selectors import workshops_run_by
from workshops.services import WorkshopFieldError, workshop_save


class WorkshopAdminForm(WagtailAdminModelForm):
    """Field checks only. The rules that need the bookings (capacity, state
    changes) are checked by `workshop_save` under the workshop's row lock."""

    # A plain list of published courses: there are few, and a list is quicker than the page chooser.
    course = forms.ModelChoiceField(queryset=CoursePage.objects.live().order_by("title"), label="Course")
    audience_sectors = forms.MultipleChoiceField(
        choices=Sector.choices, widget=forms.CheckboxSelectMultiple, required=False, label="Audience sectors"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only staff can run a workshop; the list never offers every member of the site.
        self.fields["trainers"].queryset = staff_members()


class _WorkshopSaveMixin:
    """The add, copy and edit views save through `workshop_save`, which owns
    the transaction and the lock; a refusal becomes an error on its field."""

    request: HttpRequest
    form: Any
    view_name: str

    def save_instance(self) -> Workshop:
        saved = workshop_save(
            workshop=self.form.save(commit=False),
            trainers=self.form.cleaned_data.get("trainers") or [],
            by=self.request.user,  # type: ignore[arg-type]
        )
        self.has_content_changes = self.view_name == "create" or self.form.has_changed()
        log(
            instance=saved.workshop,
            action="wagtail.create" if self.view_name == "create" else "wagtail.edit",
            content_changed=self.has_content_changes,
        )
        if saved.notified:
            messages.info(self.request, f"{saved.notified} attendee(s) are being sent an updated calendar invite.")
        return saved.workshop

    def form_valid(self, form: Any) -> HttpResponse:
        try:
            return super().form_valid(form)  # type: ignore[misc]
        except WorkshopFieldError as error:
            form.add_error(error.field, str(error))
            self.produced_error_code = "validation_error"
            self.produced_error_message = self.get_error_message()  # type: ignore[attr-defined]
            return self.form_invalid(form)  # type: ignore[attr-defined]


class WorkshopCreateView(_WorkshopSaveMixin, snippet_views.CreateView):
    pass


class WorkshopCopyView(CopyViewMixin, WorkshopCreateView):
    pass


class WorkshopEditView(_WorkshopSaveMixin, snippet_views.EditView):
    pass


class BookingsColumn(Column):
    def get_value(self, instance: Workshop) -> str:
        return format_html('<a href="{}">Bookings and registers</a>', reverse("workshops:manage", args=[instance.pk]))


class WorkshopViewSet(ScopedSnippetViewSet):
    model = Workshop
    add_view_class = WorkshopCreateView
    copy_view_class = WorkshopCopyView
    edit_view_class = WorkshopEditView
    icon = "date"
    menu_label = "Workshops"
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["title", "region", "state", BookingsColumn("bookings", label="Bookings")]
    list_filter = ["state", "region", "delivery"]
    search_fields = ["title"]
    edit_handler_panels = [
        FieldPanel("course"),
        FieldPanel("title"),
        FieldPanel("summary"),
        FieldPanel("audience_sectors"),
        FieldPanel("region"),
        MultiFieldPanel(
            [
                FieldPanel("delivery"),
                FieldPanel("venue_name"),
                FieldPanel("venue_address"),
                FieldPanel("venue_postcode"),
                FieldPanel("access_info"),
                FieldPanel("map_link"),
                FieldPanel("joining_link"),
            ],
            heading="Where",
        ),
        InlinePanel("sessions", label="session", min_num=1, heading="Sessions (UK time)"),
        MultiFieldPanel(
            [
                FieldPanel("capacity"),
                FieldRowPanel([FieldPanel("booking_opens_at"), FieldPanel("booking_closes_at")]),
                FieldPanel("cancellation_deadline"),
            ],
            heading="Places and booking",
        ),
        FieldPanel("trainers"),
        FieldPanel("cpd_hours"),
        FieldPanel("state"),
    ]

    edit_handler = ObjectList(edit_handler_panels, base_form_class=WorkshopAdminForm)

    @staticmethod
    def scope(user: Any) -> Any:
        return workshops_run_by(user).select_related("course")


register_snippet(WorkshopViewSet)


@hooks.register("before_delete_snippet")
def only_its_trainers_delete_a_workshop(request: HttpRequest, instances: list[Any]) -> HttpResponse | None:
    return refuse_out_of_scope(request, instances)


@hooks.register("before_bulk_action")
def only_its_trainers_act_on_workshops(
    request: HttpRequest, action_type: str, objects: list[Any], action_class_instance: Any
) -> HttpResponse | None:
    return refuse_out_of_scope(request, objects)
