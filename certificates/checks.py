from typing import Any

from django.core.checks import CheckMessage, Error, register
from django.core.exceptions import ImproperlyConfigured


@register()
def signing_key_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Refuse to run with a missing or unusable credential signing key."""
    from certificates.signing import previous_public_keys, signing_key

    try:
        signing_key()
        previous_public_keys()
    except (ImproperlyConfigured, ValueError, OSError) as error:
        return [Error(f"Open credentials cannot be signed: {error}", id="certificates.E001")]
    return []
