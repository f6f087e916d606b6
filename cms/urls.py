from django.urls import path

from cms.views import favicon, web_manifest

# No app namespace: base.html links the manifest on every page as {% url 'web_manifest' %}.
urlpatterns = [
    path("manifest.webmanifest", web_manifest, name="web_manifest"),
    path("favicon.ico", favicon, name="favicon"),
]
