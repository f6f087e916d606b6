from django.urls import path

from cpd import views

app_name = "cpd"

urlpatterns = [
    path("account/cpd/", views.record, name="record"),
    path("account/cpd/add/", views.entry_add, name="entry_add"),
    path("account/cpd/<int:entry_id>/edit/", views.entry_edit, name="entry_edit"),
    path("account/cpd/<int:entry_id>/delete/", views.entry_delete, name="entry_delete"),
    path("account/cpd/cpd-record.pdf", views.record_pdf, name="record_pdf"),
    path("account/cpd/cpd-record.csv", views.record_csv, name="record_csv"),
    path("evaluation/course/<int:course_id>/", views.evaluate_course, name="evaluate_course"),
    path("evaluation/workshop/<int:workshop_id>/", views.evaluate_workshop, name="evaluate_workshop"),
    path("evaluation/results/", views.results, name="results"),
]
