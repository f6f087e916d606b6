from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from elearning.csp import csp_report
from elearning.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("csp-report/", csp_report, name="csp_report"),
    # /manifest.webmanifest and /favicon.ico
    path("", include("cms.urls")),
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # /account/cpd/ and /evaluation/: before accounts, whose patterns are under /account/ too.
    path("", include("cpd.urls")),
    path("account/", include("accounts.urls")),
    path("learning/", include("courses.urls")),
    path("quizzes/", include("quizzes.urls")),
    path("scorm/", include("scorm.urls")),
    path("workshops/", include("workshops.urls")),
    path("quality/", include("quality.urls")),
    path("reports/", include("reports.urls")),
    path("search/", include("sitesearch.urls")),
    path("e-news/", include("enews.urls")),
    # Certificates answer at the root: /verify/, /.well-known/jwks.json, /account/certificates/.
    path("", include("certificates.urls")),
    path("account/", include("allauth.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's page tree serves everything else; it must come last.
urlpatterns.append(path("", include(wagtail_urls)))
