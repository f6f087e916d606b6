"""`make bench` never touches the broker CI runs on: its suites purge their queues."""

import re
import subprocess
import sys

from tests.services import PROJECT_DIR


def _redis_database(url: str) -> tuple[str, str]:
    match = re.fullmatch(r"redis://([^/]+)/(\d+)", url)
    assert match, f"not a Redis URL with a database number: {url!r}"
    return match.group(1), match.group(2)


def _bench_broker_urls() -> set[str]:
    """The bench settings' broker (read as the bench process would) and each suite's worker broker."""
    code = (
        "import os; os.environ.pop('BENCH_CELERY_BROKER_URL', None); os.environ['DJANGO_SETTINGS_MODULE'] = "
        "'elearning.settings.bench'; from django.conf import settings; print(settings.CELERY_BROKER_URL)"
    )
    pages = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_DIR, capture_output=True, text=True, check=True)
    urls = {pages.stdout.strip()}
    for suite in (PROJECT_DIR / "bench").glob("suite_*.py"):
        urls |= set(re.findall(r'"(redis://[^"]+)"', suite.read_text()))
    return urls


def test_no_bench_broker_is_the_one_ci_runs_on():
    ci_broker = re.search(r'CELERY_BROKER_URL="([^"]+)"', (PROJECT_DIR / ".ci" / "run").read_text())
    assert ci_broker
    bench = {_redis_database(url) for url in _bench_broker_urls()}
    assert len(bench) >= 3  # the pages' broker and the two worker suites'
    assert _redis_database(ci_broker.group(1)) not in bench
