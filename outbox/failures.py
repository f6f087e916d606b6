"""Which failures another try can fix.

Retried with backoff: database lock and serialisation errors, lost
connections (SMTP, database, broker) and SMTP 4xx answers. Recorded as failed
at once: SMTP 5xx answers, recipients every one refused with a 5xx, bad
addresses and handlers' own PermanentFailure.
"""

import smtplib

from outbox.kinds import PermanentFailure


def failure_is_permanent(error: BaseException) -> bool:
    if isinstance(error, PermanentFailure):
        return True
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in error.recipients.values()]
        return bool(codes) and all(code >= 500 for code in codes)
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code >= 500
    # Everything else (OperationalError "database is locked", a serialisation
    # failure, SMTPServerDisconnected, ConnectionRefusedError, a timeout, or a
    # bug) is retried with backoff until OUTBOX_MAX_TRIES, then marked failed.
    return False


def failure_reason(error: BaseException) -> str:
    if isinstance(error, smtplib.SMTPResponseException):
        text = error.smtp_error.decode(errors="replace") if isinstance(error.smtp_error, bytes) else error.smtp_error
        return f"SMTP {error.smtp_code}: {text}"[:2000]
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        refused = "; ".join(
            f"{address}: {code} {message.decode(errors='replace') if isinstance(message, bytes) else message}"
            for address, (code, message) in error.recipients.items()
        )
        return f"Recipients refused: {refused}"[:2000]
    return f"{type(error).__name__}: {error}"[:2000]
