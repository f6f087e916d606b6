from django.urls import path

from courses import views

app_name = "courses"

urlpatterns = [
    path("course/<int:course_id>/enrol/", views.enrol, name="enrol"),
    path("module/<int:module_id>/complete/", views.complete_module, name="complete_module"),
    path("module/<int:module_id>/reflection/<slug:block_id>/", views.save_reflection, name="save_reflection"),
]
