from django.urls import path

from scorm import views

app_name = "scorm"

urlpatterns = [
    path("play/<int:module_id>/<int:package_id>/", views.player, name="player"),
    path("commit/", views.commit, name="commit"),
]
