"""Workshops in the Wagtail admin: trainers add and edit workshops with
their sessions inline; bookings, registers, messages and cancellation are on
the workshop's trainer pages (linked from the listing)."""

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from accounts.choices import Sector
from courses.models import CoursePage
from workshops.models import Booking, Workshop
from workshops.selectors import is_workshop_trainer
from workshops.services import workshop_saved


class WorkshopAdminForm(WagtailAdminModelForm):
    # A plain list of published courses: there are few, and a list is quicker than the page chooser.
    course = forms.ModelChoiceField(queryset=CoursePage.objects.live().order_by("title"), label="Course")
    audience_sectors = forms.MultipleChoiceField(
        choices=Sector.choices, widget=forms.CheckboxSelectMultiple, required=False, label="Audience sectors"
    )

    def clean_capacity(self) -> int:
        capacity = self.cleaned_data["capacity"]
        if self.instance.pk:
            confirmed = Booking.objects.filter(workshop=self.instance, status=Booking.Status.CONFIRMED).count()
            if capacity < confirmed:
                raise forms.ValidationError(
                    f"{confirmed} places are already confirmed, so capacity cannot go below {confirmed}."
                )
        return capacity

    def clean_state(self) -> str:
        state = self.cleaned_data["state"]
        before = self.instance.state if self.instance.pk else Workshop.State.DRAFT
        if state == Workshop.State.CANCELLED and before != Workshop.State.CANCELLED:
            raise forms.ValidationError("Use “Cancel the workshop” on its bookings page, so everyone booked is told.")
        if before == Workshop.State.CANCELLED and state != Workshop.State.CANCELLED:
            raise forms.ValidationError("A cancelled workshop cannot be reopened; add a new one instead.")
        return state


class BookingsColumn(Column):
    def get_value(self, instance: Workshop) -> str:
        return format_html('<a href="{}">Bookings and registers</a>', reverse("workshops:manage", args=[instance.pk]))


class WorkshopViewSet(SnippetViewSet):
    model = Workshop
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

    def get_queryset(self, request: HttpRequest) -> Any:
        queryset = Workshop.objects.select_related("course")
        user = request.user
        if user.is_superuser or user.groups.filter(name="Administrators").exists():
            return queryset
        return queryset.filter(trainers=user)


register_snippet(WorkshopViewSet)


@hooks.register("before_edit_snippet")
def only_its_trainers_edit_a_workshop(request: HttpRequest, instance: Any) -> HttpResponse | None:
    if isinstance(instance, Workshop) and not is_workshop_trainer(request.user, instance):
        messages.error(request, "Only this workshop's trainers can edit it.")
        return redirect("wagtailsnippets_workshops_workshop:list")
    return None


@hooks.register("after_create_snippet")
def workshop_created(request: HttpRequest, instance: Any) -> None:
    if isinstance(instance, Workshop):
        instance.trainers.add(request.user)  # whoever adds a workshop runs it
        workshop_saved(workshop_id=instance.pk)


@hooks.register("after_edit_snippet")
def workshop_edited(request: HttpRequest, instance: Any) -> None:
    if isinstance(instance, Workshop):
        notified = workshop_saved(workshop_id=instance.pk)
        if notified:
            messages.info(request, f"{notified} attendee(s) are being sent an updated calendar invite.")
