"""Workshop pages. Thin: look the objects up within what the user may see,
call a service, turn its errors into messages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import User
from elearning.web import csv_response, signed_in_member
from workshops import selectors, services
from workshops.calendar_links import session_calendar_links, venue_map_link
from workshops.emails import invite_for, workshop_url
from workshops.forms import AttendeesMessageForm, BookingForm, WorkshopCancelForm
from workshops.ics import FeedEvent, feed_build
from workshops.models import Booking, Workshop
from workshops.rules import workshop_is_bookable


def _id(value: str) -> int | None:
    return int(value) if value.isdigit() and len(value) < 12 else None


@require_GET
def workshop_list(request: HttpRequest) -> HttpResponse:
    member_region = request.user.region if isinstance(request.user, User) else ""
    form = selectors.WorkshopFilterForm(
        request.GET or None, member_region=member_region, courses=selectors.course_choices()
    )
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    cards = selectors.workshop_list_upcoming(filters=filters, member_region=member_region)
    return render(
        request,
        "workshops/workshop_list.html",
        {"form": form, "cards": cards, "member_region": member_region, "feed_url": reverse("workshops:feed")},
    )


@require_GET
def workshop_detail(request: HttpRequest, workshop_id: int) -> HttpResponse:
    workshop = selectors.workshop_visible(workshop_id=workshop_id, user=request.user)
    if workshop is None:
        raise Http404
    sessions = selectors.sessions_of(workshop)
    mine = selectors.member_booking(member=request.user, workshop=workshop, sessions=sessions)
    bookable = workshop_is_bookable(workshop=workshop, sessions=sessions, now=timezone.now())
    context = {
        "workshop": workshop,
        "sessions": sessions,
        "mine": mine,
        "bookable": bookable,
        "places_left": max(0, workshop.capacity - services.confirmed_count(workshop)),
        "form": BookingForm(),
        "is_trainer": selectors.is_workshop_trainer(request.user, workshop),
        "map_link": venue_map_link(workshop),
        "calendar_links": session_calendar_links(workshop, list(sessions), page_url=workshop_url(workshop))
        if mine and mine.booking.status == Booking.Status.CONFIRMED
        else [],
    }
    return render(request, "workshops/workshop_detail.html", context)


@login_required
@require_POST
def book(request: HttpRequest, workshop_id: int) -> HttpResponse:
    workshop = selectors.workshop_visible(workshop_id=workshop_id, user=request.user)
    if workshop is None:
        raise Http404
    form = BookingForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Keep access needs under 1,000 characters and dietary needs under 500.")
        return redirect("workshops:detail", workshop.pk)
    try:
        booking = services.booking_create(
            member=signed_in_member(request),
            workshop_id=workshop.pk,
            access_needs=form.cleaned_data["access_needs"],
            dietary_needs=form.cleaned_data["dietary_needs"],
        )
    except services.WorkshopError as error:
        messages.error(request, str(error))
        return redirect("workshops:detail", workshop.pk)
    if booking.status == Booking.Status.CONFIRMED:
        messages.success(request, "Your place is booked. We have emailed you the details and a calendar invite.")
    else:
        position = services.waitlist_position(booking)
        messages.info(request, f"The workshop is full, so you are on the waiting list at position {position}.")
    return redirect("workshops:detail", workshop.pk)


@login_required
@require_POST
def booking_cancel(request: HttpRequest, booking_id: int) -> HttpResponse:
    try:
        booking = services.booking_cancel(member=signed_in_member(request), booking_id=booking_id)
    except services.WorkshopError as error:
        messages.error(request, str(error))
        workshop_id = (
            Booking.objects.filter(pk=booking_id, member=signed_in_member(request))
            .values_list("workshop_id", flat=True)
            .first()
        )
        return redirect("workshops:detail", workshop_id) if workshop_id else redirect("workshops:list")
    messages.success(request, "Your place is cancelled. Thank you for letting us know.")
    return redirect("workshops:detail", booking.workshop_id)


@login_required
@require_POST
def waitlist_leave(request: HttpRequest, booking_id: int) -> HttpResponse:
    try:
        booking = services.waitlist_leave(member=signed_in_member(request), booking_id=booking_id)
    except services.WorkshopError as error:
        messages.error(request, str(error))
        return redirect("workshops:list")
    messages.success(request, "You have left the waiting list.")
    return redirect("workshops:detail", booking.workshop_id)


@login_required
@require_GET
def booking_calendar(request: HttpRequest, booking_id: int) -> HttpResponse:
    """Add to calendar: the member's own confirmed booking only."""
    booking = (
        Booking.objects.select_related("workshop", "member")
        .filter(pk=booking_id, member=signed_in_member(request), status=Booking.Status.CONFIRMED)
        .first()
    )
    if booking is None:
        raise Http404
    response = HttpResponse(
        invite_for(booking, selectors.sessions_of(booking.workshop), method="REQUEST"),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="workshop-{booking.workshop_id}.ics"'
    return response


@require_GET
def feed(request: HttpRequest) -> HttpResponse:
    events = [
        FeedEvent(
            uid=f"workshop-{s.workshop_id}-session-{s.pk}@i-hop.example",
            title=s.workshop.title,
            description=s.workshop.summary,
            location=s.workshop.location_text,
            url=workshop_url(s.workshop),
            starts_at=s.starts_at,
            ends_at=s.ends_at,
        )
        for s in selectors.feed_sessions()
    ]
    return HttpResponse(feed_build(events, stamp=timezone.now()), content_type="text/calendar; charset=utf-8")


def _trainer_workshop(request: HttpRequest, workshop_id: int) -> Workshop:
    workshop = selectors.workshop_for_trainer(workshop_id=workshop_id, user=request.user)
    if workshop is None:
        raise Http404
    return workshop


@login_required
@require_GET
def manage(request: HttpRequest, workshop_id: int) -> HttpResponse:
    workshop = _trainer_workshop(request, workshop_id)
    return render(
        request,
        "workshops/manage.html",
        {
            "overview": selectors.trainer_overview(workshop=workshop),
            "message_form": AttendeesMessageForm(),
            "cancel_form": WorkshopCancelForm(),
        },
    )


@login_required
@require_GET
def bookings_csv(request: HttpRequest, workshop_id: int) -> HttpResponse:
    workshop = _trainer_workshop(request, workshop_id)
    overview = selectors.trainer_overview(workshop=workshop)
    header = ["name", "email", "organisation", "sector", "status", "booked at", "access needs", "dietary needs"]
    rows = [
        [
            booking.member.full_name,
            booking.member.email,
            booking.member.organisation,
            booking.member.get_sector_display(),
            booking.get_status_display(),
            timezone.localtime(booking.created_at).strftime("%Y-%m-%d %H:%M"),
            booking.access_needs,
            booking.dietary_needs,
        ]
        for booking in [*overview.confirmed, *overview.waitlisted, *overview.others]
    ]
    return csv_response(filename=f"workshop-{workshop.pk}-bookings.csv", rows=[header, *rows])


@login_required
@require_POST
def message_attendees(request: HttpRequest, workshop_id: int) -> HttpResponse:
    workshop = _trainer_workshop(request, workshop_id)
    try:
        count = services.attendees_message_send(
            workshop_id=workshop.pk, subject=request.POST.get("subject", ""), body=request.POST.get("body", "")
        )
    except services.WorkshopError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Your message is on its way to {count} confirmed attendee(s).")
    return redirect("workshops:manage", workshop.pk)


@login_required
@require_POST
def workshop_cancel(request: HttpRequest, workshop_id: int) -> HttpResponse:
    workshop = _trainer_workshop(request, workshop_id)
    form = WorkshopCancelForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Tick the box to confirm that you want to cancel this workshop.")
        return redirect("workshops:manage", workshop.pk)
    try:
        count = services.workshop_cancel(
            workshop_id=workshop.pk, reason=form.cleaned_data["reason"], actor=signed_in_member(request)
        )
    except services.WorkshopError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"The workshop is cancelled; {count} member(s) are being told.")
    return redirect("workshops:manage", workshop.pk)


@login_required
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest, workshop_id: int, session_id: int) -> HttpResponse:
    workshop = _trainer_workshop(request, workshop_id)
    session = workshop.sessions.filter(pk=session_id).first()
    if session is None:
        raise Http404
    if request.method == "POST":
        marks: dict[int, bool] = {}
        for key, value in request.POST.items():
            if key.startswith("booking-") and (booking_id := _id(key.removeprefix("booking-"))) is not None:
                if value not in {"attended", "no_show"}:
                    messages.error(request, "Choose attended or did not attend for each person.")
                    return redirect("workshops:register", workshop.pk, session.pk)
                marks[booking_id] = value == "attended"
        if not marks:
            messages.error(request, "Mark at least one person before saving the register.")
            return redirect("workshops:register", workshop.pk, session.pk)
        try:
            attended = services.register_record(
                workshop_id=workshop.pk, session_id=session.pk, marks=marks, by=signed_in_member(request)
            )
        except services.WorkshopError as error:
            messages.error(request, str(error))
        else:
            note = f" {attended} attendee(s) have now completed the workshop." if attended else ""
            messages.success(request, f"The register is saved.{note}")
        return redirect("workshops:register", workshop.pk, session.pk)
    return render(
        request,
        "workshops/register.html",
        {
            "workshop": workshop,
            "session": session,
            "rows": selectors.register_rows(workshop=workshop, session=session),
        },
    )
