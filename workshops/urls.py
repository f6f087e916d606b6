from django.urls import path

from workshops import views

app_name = "workshops"

urlpatterns = [
    path("", views.workshop_list, name="list"),
    path("feed.ics", views.feed, name="feed"),
    path("<int:workshop_id>/", views.workshop_detail, name="detail"),
    path("<int:workshop_id>/book/", views.book, name="book"),
    path("booking/<int:booking_id>/cancel/", views.booking_cancel, name="booking_cancel"),
    path("booking/<int:booking_id>/leave/", views.waitlist_leave, name="waitlist_leave"),
    path("booking/<int:booking_id>/invite.ics", views.booking_calendar, name="booking_calendar"),
    path("<int:workshop_id>/manage/", views.manage, name="manage"),
    path("<int:workshop_id>/bookings.csv", views.bookings_csv, name="bookings_csv"),
    path("<int:workshop_id>/message/", views.message_attendees, name="message"),
    path("<int:workshop_id>/cancel/", views.workshop_cancel, name="cancel"),
    path("<int:workshop_id>/sessions/<int:session_id>/register/", views.register, name="register"),
]
