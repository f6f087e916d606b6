"""Leaving the e-news from the link in an issue: one click, no sign-in (RFC 8058)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from enews.services import enews_unsubscribe, unsubscribe_token_read


# Mail clients send the one-click POST ("List-Unsubscribe=One-Click") without a CSRF token; the
# signed token in the address is what authorises it, and all it can do is stop the e-news.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    if unsubscribe_token_read(token) is None:
        return render(request, "enews/unsubscribe_invalid.html", status=400)
    if request.method == "GET":
        # A GET only asks: link checkers and previews open links, and must not unsubscribe anyone.
        return render(request, "enews/unsubscribe.html", {"token": token})
    enews_unsubscribe(token=token)
    return render(request, "enews/unsubscribed.html")
