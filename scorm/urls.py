from django.urls import path

from scorm import views

app_name = "scorm"

urlpatterns = [
    path("commit/", views.commit, name="commit"),
]
