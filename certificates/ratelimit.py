"""A fixed-window limit per client IP, counted in the shared cache (as
allauth counts its limits), for the public verification pages."""

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR", "unknown"))


def verify_rate_exceeded(request: HttpRequest) -> bool:
    """Count this lookup; True when the client has used up its window."""
    window = settings.CERTIFICATES_VERIFY_WINDOW_SECONDS
    key = f"certificates:verify:{client_ip(request)}:{int(time.time() // window)}"
    if cache.add(key, 1, timeout=window + 1):
        return False
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window + 1)
        return False
    return count > settings.CERTIFICATES_VERIFY_LIMIT
