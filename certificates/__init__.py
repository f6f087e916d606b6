"""Certificates: issue, PDF rendering, public verification, revocation, open credentials."""

import logging

# WeasyPrint logs every rendering step at INFO (even on import); that is noise in the worker's log.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
