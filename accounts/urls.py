from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("profile/", views.profile_edit, name="profile"),
    path("data.json", views.data_export, name="data_export"),
    path("delete/", views.erase, name="erase"),
]
