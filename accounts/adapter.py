from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest

from elearning.mail import email_queue_on_commit


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        """Render allauth's email here, send it from the worker after commit."""
        context = {"email": email, "current_site": context.get("current_site"), **context}
        message = self.render_mail(template_prefix, email, context)
        email_queue_on_commit(message)

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return True
