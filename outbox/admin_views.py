"""Administrators' view of the outbox in the Wagtail admin: pending, sent and
failed items with the reason and the number of tries, and a retry (a POST)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from outbox.models import OutboxItem
from outbox.selectors import outbox_counts, outbox_items_for_admin
from outbox.services import OutboxError, outbox_item_retry

PAGE_SIZE = 100
VIEW_PERMISSION = "outbox.view_outboxitem"
RETRY_PERMISSION = "outbox.retry_outboxitem"


def _require(request: HttpRequest, permission: str) -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied


def outbox_list(request: HttpRequest) -> HttpResponse:
    _require(request, VIEW_PERMISSION)
    status = request.GET.get("status", "")
    status = status if status in OutboxItem.Status.values else ""
    counts = outbox_counts()
    return render(
        request,
        "outbox/admin/list.html",
        {
            "items": outbox_items_for_admin(status=status)[:PAGE_SIZE],
            "status": status,
            "statuses": [(value, label, counts[value]) for value, label in OutboxItem.Status.choices],
            "page_size": PAGE_SIZE,
            "can_retry": request.user.has_perm(RETRY_PERMISSION),
        },
    )


@require_POST
def outbox_retry(request: HttpRequest, item_id: int) -> HttpResponse:
    _require(request, RETRY_PERMISSION)
    try:
        item = outbox_item_retry(item_id=item_id)
    except OutboxError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"{item.key} is queued to be tried again.")
    status = request.POST.get("status", "")
    target = reverse("outbox_admin:list")
    return redirect(f"{target}?status={status}" if status in OutboxItem.Status.values else target)


urlpatterns = [
    path("", outbox_list, name="list"),
    path("<int:item_id>/retry/", outbox_retry, name="retry"),
]
