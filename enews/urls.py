from django.urls import path

from enews import views

app_name = "enews"

urlpatterns = [
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
