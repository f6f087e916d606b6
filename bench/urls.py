"""The bench settings' URLconf: the site's, plus the floor view (the site's own
URLconf knows nothing of the bench)."""

from django.urls import path

from bench.floor import floor
from elearning.urls import urlpatterns as site_urlpatterns

# Before the site's patterns, whose last one hands every other path to Wagtail's page tree.
urlpatterns = [path("bench/floor", floor, name="bench_floor"), *site_urlpatterns]
