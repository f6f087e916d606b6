"""The floor: the cheapest request the stack can serve.

It crosses everything a real page crosses (gunicorn, the whole middleware
stack, URL resolution, one round trip to the same PostgreSQL) but renders
nothing. A page's throughput divided by the floor's, measured in the same
run on the same machine, says how much the page itself costs, independently
of how fast the machine is. Mounted only by the bench settings' URLconf (bench/urls.py).
"""

from django.db import connection
from django.http import HttpRequest, HttpResponse


def floor(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return HttpResponse(b"ok", content_type="text/plain")
