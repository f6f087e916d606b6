"""Certificates through a real worker, against WeasyPrint alone.

`certificates_issued_by_worker`: 1,000 certificates (BENCH_CERTIFICATES_COUNT)
for a workshop register, issued by one task on a real `celery worker` process
(two pool processes, as production runs it) that then renders each PDF, signs
its open credential, stores the file and emails it. Timed from the task's
dispatch until every certificate is stored and emailed (polled in the
database). The floor renders the same template with WeasyPrint in this process:
no database, no broker, no storage, no email. Ratio = worker rate / floor rate.

`certificate_pdf_size`: the mean stored PDF size against the floor of the same
words printed by WeasyPrint with no stylesheet, QR code or template (lower is better).
"""

import os
import subprocess
import time
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from support.processes import celery_worker_command, process_group_stop

COUNT = int(os.environ.get("BENCH_CERTIFICATES_COUNT", "1000"))
CONCURRENCY = int(os.environ.get("BENCH_CERTIFICATES_CONCURRENCY", "2"))
# The broker database the bench settings name (15) is shared by every suite; this one has its own.
BROKER_URL = os.environ.get("BENCH_CERTIFICATES_BROKER_URL", "redis://127.0.0.1:6379/14")
WORKSHOP_ID = 990_001
ROOT = Path(__file__).resolve().parent.parent


def _sample_content(number: int) -> Any:
    from certificates.render import CertificateContent

    return CertificateContent(
        name_printed=f"Bench Learner {number}",
        title="Bench workshop: supporting children of prisoners",
        course_title="Supporting children of prisoners",
        cpd_hours=Decimal("3.0"),
        issued_on=date(2026, 5, 2),
        expires_on=None,
        issuer="i-HOP (Barnardo's)",
        code=f"{number:016d}"[-16:],
        verify_url=f"http://localhost:8000/verify/{number:016d}/",
        kind_label="Workshop attended",
    )


def floor_rate(seconds: float) -> tuple[float, int]:
    """Certificates per second rendered by WeasyPrint in this one process."""
    from certificates.models import CertificateTemplate
    from certificates.render import certificate_pdf, template_look

    look = template_look(CertificateTemplate.objects.filter(is_default=True).first(), attendance=True)
    certificate_pdf(_sample_content(0), look)  # warm fonts and caches
    done, size, started = 0, 0, time.perf_counter()
    while time.perf_counter() - started < seconds or done < 5:
        size = len(certificate_pdf(_sample_content(done + 1), look))
        done += 1
    return done / (time.perf_counter() - started), size


def bare_pdf_size() -> int:
    import weasyprint

    content = _sample_content(1)
    html = (
        f"<p>Certificate of attendance</p><p>This is to certify that</p><p>{content.name_printed}</p>"
        f"<p>attended the workshop</p><p>{content.title}</p><p>{content.course_title}</p>"
        f"<p>{content.cpd_hours} CPD hours · Issued 2 May 2026</p><p>{content.verify_url}</p>"
    )
    return len(weasyprint.HTML(string=html).write_pdf() or b"")


def _worker(env: dict[str, str], log_path: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        celery_worker_command(concurrency=CONCURRENCY, loglevel="WARNING", broker_url=BROKER_URL),
        cwd=ROOT,
        env=env,
        stdout=log_path.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def run(harness: Any) -> dict[str, dict[str, object]]:
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from accounts.models import User
    from certificates.models import Certificate
    from certificates.services import attendance_certificate_queue
    from elearning.celery import app
    from outbox.models import OutboxItem

    Certificate.objects.filter(kind="workshop", achievement_id=WORKSHOP_ID).delete()
    OutboxItem.objects.filter(key__startswith=f"certificate-issue:workshop:{WORKSHOP_ID}:").delete()  # an earlier run's
    password = make_password(None)
    User.objects.bulk_create(
        [
            User(email=f"bench-certificate-{n}@example.org", full_name=f"Bench Learner {n}", password=password)
            for n in range(COUNT)
        ],
        ignore_conflicts=True,
    )
    member_ids = list(
        User.objects.filter(email__startswith="bench-certificate-").order_by("pk").values_list("pk", flat=True)
    )[:COUNT]

    harness.progress(f"certificates: floor (WeasyPrint in this process) for {max(3, harness.seconds)}s")
    floor, styled_size = floor_rate(max(3, harness.seconds))

    harness.celery_broker_use(BROKER_URL)
    app.conf.task_always_eager = False
    env = harness.celery_worker_env(BROKER_URL)
    log_path = harness.work_dir / "certificates-worker.log"
    worker = _worker(env, log_path)
    try:
        harness.celery_worker_wait(worker, log_path, "certificates")
        harness.progress(f"certificates: {COUNT} through a worker with {CONCURRENCY} processes")
        started = time.perf_counter()
        with transaction.atomic():  # a whole register at once, as register_record queues it
            for member_id in member_ids:
                attendance_certificate_queue(
                    member_id=member_id,
                    workshop_id=WORKSHOP_ID,
                    workshop_title="Bench workshop: supporting children of prisoners",
                    course_title="Supporting children of prisoners",
                    cpd_hours=Decimal("3.0"),
                    attended_on=date(2026, 5, 2),
                )
        issued = Certificate.objects.filter(kind="workshop", achievement_id=WORKSHOP_ID)
        timeout = time.monotonic() + max(600, COUNT)
        while issued.filter(emailed_at__isnull=False).count() < len(member_ids):
            if worker.poll() is not None or time.monotonic() > timeout:
                raise RuntimeError(f"the certificates worker stopped or stalled; see {log_path}")
            time.sleep(0.25)
        elapsed = time.perf_counter() - started
    finally:
        process_group_stop(worker, grace=60)

    rate = len(member_ids) / elapsed
    sizes = [certificate.pdf.size for certificate in issued.only("pdf")[:50]]
    mean_size = sum(sizes) / len(sizes)
    bare = bare_pdf_size()
    return {
        "certificates_issued_by_worker": {
            "value": round(rate, 2),
            "floor": round(floor, 2),
            "ratio": round(rate / floor, 3),
            "unit": "certificates/s",
            "higher_is_better": True,
            "count": len(member_ids),
            "seconds": round(elapsed, 1),
            "worker_processes": CONCURRENCY,
        },
        "certificate_pdf_size": {
            "value": round(mean_size / 1024, 1),
            "floor": round(bare / 1024, 1),
            "ratio": round(mean_size / bare, 2),
            "unit": "KiB",
            "higher_is_better": False,
            "floor_styled_without_storage_kib": round(styled_size / 1024, 1),
        },
    }
