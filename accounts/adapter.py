"""allauth's adapter: our email sending, and failed sign-ins limited without
letting anyone keep a member out.

allauth counts failed sign-ins per IP and per "key" (the address). Counted
per address alone, five wrong passwords from anywhere lock the member out,
so anyone who knows an address can keep its owner out. Here the key is the
address *and* the IP (ACCOUNT_RATE_LIMITS["login_failed"]): guessing from one
place is still stopped after five tries. Guessing one address from many
places is stopped by a wider per-address limit ("login_failed_address"),
which a browser that has signed in to that account before skips: it carries
a signed "known device" cookie (OWASP's device cookies). A member kept out
on a new device resets their password (its own limits, untouched by these),
which clears both counts.
"""

import hashlib
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.core import ratelimit
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.http import HttpRequest, HttpResponse

from outbox.mail import email_enqueue

ADDRESS_ACTION = "login_failed_address"
KNOWN_DEVICE_SALT = "accounts.known-device"
KNOWN_DEVICE_DAYS = 365


def _address(credentials: dict[str, Any]) -> str:
    return str(credentials.get("email", credentials.get("username", ""))).lower()


def _device_token(address: str) -> str:
    return hashlib.sha256(address.encode()).hexdigest()[:32]


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        """As allauth renders its emails (here, where the request is), but sent
        by the worker through the outbox; the text is removed from the row once sent."""
        request = allauth_context.request
        message = self.render_mail(
            template_prefix,
            email,
            {"request": request, "email": email, "current_site": get_current_site(request), **context},
        )
        email_enqueue(message)

    # --- failed sign-ins (allauth 65's hooks: the cache key, pre_authenticate, rollback, clear) ---

    def _get_login_attempts_cache_key(self, request: HttpRequest, **credentials: Any) -> str:
        """allauth's per-address key, made per address and IP."""
        return f"{super()._get_login_attempts_cache_key(request, **credentials)}:{self.get_client_ip(request)}"

    def _address_key(self, request: HttpRequest, **credentials: Any) -> str:
        return f"{get_current_site(request).domain}:{_address(credentials)}"

    def _known_device(self, request: HttpRequest, address: str) -> bool:
        token = request.get_signed_cookie(
            settings.ACCOUNTS_KNOWN_DEVICE_COOKIE,
            default=None,
            salt=KNOWN_DEVICE_SALT,
            max_age=KNOWN_DEVICE_DAYS * 86400,
        )
        return token == _device_token(address)

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        super().pre_authenticate(request, **credentials)  # the address-and-IP and the per-IP limits
        self._address_usage = None
        if self._known_device(request, _address(credentials)):
            return
        self._address_usage = ratelimit._impl.consume(
            request, app="allauth.account", action=ADDRESS_ACTION, key=self._address_key(request, **credentials)
        )
        if not self._address_usage:
            self._rollback_login_failed_rl_usage()
            raise self.validation_error("too_many_login_attempts")

    def _rollback_login_failed_rl_usage(self) -> None:
        super()._rollback_login_failed_rl_usage()
        usage = getattr(self, "_address_usage", None)
        if usage:
            usage.rollback()

    def _delete_login_attempts_cached_email(self, request: HttpRequest, **credentials: Any) -> None:
        """After a password reset: clear this address's counts (allauth calls it with the address)."""
        super()._delete_login_attempts_cached_email(request, **credentials)
        ratelimit.clear(request, action=ADDRESS_ACTION, key=self._address_key(request, **credentials))

    def post_login(self, request: HttpRequest, user: Any, **kwargs: Any) -> HttpResponse:
        response = super().post_login(request, user, **kwargs)
        response.set_signed_cookie(
            settings.ACCOUNTS_KNOWN_DEVICE_COOKIE,
            _device_token(user.email.lower()),
            salt=KNOWN_DEVICE_SALT,
            max_age=KNOWN_DEVICE_DAYS * 86400,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
        return response
