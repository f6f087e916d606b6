"""The web layer every app's views share: who is signed in, who may use a staff page,
and CSV downloads that a spreadsheet cannot turn into formulas.

It imports no app (the member's type is named for mypy only), so any app may use it.
"""

import csv
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from functools import wraps
from typing import TYPE_CHECKING, Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

if TYPE_CHECKING:
    from accounts.models import User

View = Callable[..., HttpResponse]


def signed_in_member(request: HttpRequest) -> "User":
    """The signed-in member making the request. For views behind @login_required or
    @staff_required; anyone else is refused (403), never treated as a member."""
    user = request.user
    if not user.is_authenticated:
        raise PermissionDenied
    return user


def staff_required(permission: str) -> Callable[[View], View]:
    """Staff pages: an anonymous visitor is sent to sign in; a member without `permission`
    gets 404, as if the page did not exist (it does not, for them); staff go through.
    Object-level checks (is this their workshop?) stay with the view's lookup."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not request.user.has_perm(permission):
                raise Http404
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


# OWASP's list: a cell starting with any of these may run as a formula in a spreadsheet.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """A value as a CSV cell a spreadsheet will not run: text that starts like a formula gets a
    leading quote (shown as text, not run). Numbers and dates are written as they are: they
    carry no formula, and a negative number must stay a number."""
    if value is None:
        return ""
    if isinstance(value, int | float | Decimal | date | datetime):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_response(*, filename: str, rows: Iterable[Sequence[object]]) -> HttpResponse:
    """A CSV download (UTF-8, as an attachment) of these rows (headings included), every cell
    through `csv_cell`."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    for row in rows:
        writer.writerow([csv_cell(cell) for cell in row])
    return response
