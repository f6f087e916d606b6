"""The default run (`make run`) shows our own "Page not found", not Django's debug page.

Someone trying the demo follows a dead link far more often than a developer needs the
URL resolver's list of patterns, and Django's debug 404 overflows a phone. The log still
names every 404. Errors (500) keep Django's debug page here: it is the developer's
traceback, and production shows templates/500.html.
"""

from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render


class StyledNotFoundMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, Http404):
            return render(request, "404.html", status=404)
        return None
