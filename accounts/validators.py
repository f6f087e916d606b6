import unicodedata

from django.core.exceptions import ValidationError


def validate_printable_text(value: str) -> None:
    """Refuse line breaks and other control characters in one-line fields.

    Names end up in email headers, CSV exports and printed certificates, where
    a CR/LF or an invisible control character does harm or misleads.
    """
    for character in value:
        if unicodedata.category(character) in {"Cc", "Cf", "Zl", "Zp"}:
            raise ValidationError(
                "Use letters, numbers and punctuation only: line breaks and control characters are not allowed.",
                code="control_character",
            )
