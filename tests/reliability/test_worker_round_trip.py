"""Background work really crosses Redis to a separate worker process."""

import re

import pytest
from django.core.mail import EmailMessage
from django.db import transaction
from django.test import Client
from django.urls import reverse

from outbox.mail import email_enqueue
from tests.accounts.factories import PASSWORD
from tests.services import message_text

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.django_db(transaction=True)]


def test_a_sign_up_email_goes_through_redis_and_a_worker_process_to_smtp(celery_worker, smtp_sink):
    response = Client().post(
        reverse("account_signup"),
        {
            "email": "worker.test@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "full_name": "Rowan Ellis",
            "sector": "social_care",
            "region": "wales",
        },
    )
    assert response.status_code == 302

    [message] = smtp_sink.wait_for(1, to="worker.test@example.org")

    assert re.search(r"/account/confirm-email/[^/\s]+/", message_text(message))
    assert "outbox.process" in celery_worker.log_path.read_text(), "the worker process sent it"


def test_email_queued_in_a_rolled_back_transaction_is_never_sent(celery_worker, smtp_sink):
    with pytest.raises(RuntimeError), transaction.atomic():
        email_enqueue(EmailMessage("Rolled back", "must not arrive", to=["ghost@example.org"]))
        raise RuntimeError("the booking failed")
    # A later message proves the worker was running and had the chance to send the first.
    with transaction.atomic():
        email_enqueue(EmailMessage("Committed", "arrives", to=["real@example.org"]))

    smtp_sink.wait_for(1, to="real@example.org")

    assert [message["Subject"] for message in smtp_sink.messages] == ["Committed"]
