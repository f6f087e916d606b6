PUBLIC = {
    "workshops.views.workshop_list",
    "workshops.views.workshop_detail",
    "workshops.views.feed",
}
MEMBERS_ONLY = {
    "workshops.views.book",
    "workshops.views.booking_cancel",
    "workshops.views.waitlist_leave",
    "workshops.views.booking_calendar",
    "workshops.views.manage",
    "workshops.views.bookings_csv",
    "workshops.views.message_attendees",
    "workshops.views.workshop_cancel",
    "workshops.views.register",
}
# The workshop snippet's add, copy and edit views (Wagtail admin; each scoped to the workshops a trainer runs).
ADMIN_ONLY = {"workshops.wagtail_hooks.view"}
