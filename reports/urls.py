from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("figures/<slug:key>.csv", views.figure_csv, name="figure_csv"),
    path("courses/", views.course_list, name="course_list"),
    path("courses/<int:course_id>/", views.course_detail, name="course_detail"),
    path("courses/<int:course_id>/learners.csv", views.course_csv, name="course_csv"),
    path("courses/<int:course_id>/learners/<int:enrolment_id>/", views.learner_detail, name="learner_detail"),
]
