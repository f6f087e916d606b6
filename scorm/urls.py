from django.urls import URLPattern

app_name = "scorm"

urlpatterns: list[URLPattern] = []
