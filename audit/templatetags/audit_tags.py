from django import template
from django.db import models
from django.urls import reverse
from django.utils.http import urlencode

register = template.Library()


@register.simple_tag
def audit_trail_url(target: models.Model) -> str:
    """The admin page listing what staff did to this object."""
    return audit_trail_url_for(target)


def audit_trail_url_for(target: models.Model) -> str:
    return reverse("audit_admin:trail") + "?" + urlencode({"type": target._meta.label_lower, "id": target.pk})
