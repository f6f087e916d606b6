"""`make bench`: pages' throughput against gunicorn and PostgreSQL, relative to a floor.

One run: recreate a throw-away database, migrate, seed the demo content,
collect static files, start gunicorn with the bench settings, then for each
benchmark warm up and measure the floor (bench/floor.py) and the page with wrk,
one after the other. Writes bench/results.json and prints one line per
benchmark. See bench/README.md.
"""

import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

from support.processes import free_port, process_group_stop

ROOT = Path(__file__).resolve().parent.parent
WORK_DIR = ROOT / "bench" / ".work"
RESULTS_PATH = ROOT / "bench" / "results.json"
GUNICORN_LOG = WORK_DIR / "gunicorn.log"
# The interpreter running this script is the project's virtualenv (make bench uses .venv/bin/python).
GUNICORN = Path(sys.executable).parent / "gunicorn"

SETTINGS_MODULE = "elearning.settings.bench"
# Deliberately not DATABASE_URL: that may point at a database someone cares
# about, and this one is dropped at the start of every run.
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ihop_bench")

GUNICORN_WORKERS = 4
WRK_THREADS = 2
WRK_CONNECTIONS = 16
WRK_TIMEOUT = "5s"
WARMUP_SECONDS = 2
FLOOR_PATH = "/bench/floor"
FLOOR_DRIFT_WARNING = 0.2  # relative change of the floor across one benchmark worth a warning


class BenchError(Exception):
    """A reason the run cannot go on, printed as one line."""


# --- What is measured -------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """What wrk requests: a path on the server and the headers to send with it."""

    path: str
    headers: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Benchmark:
    """One page to measure.

    Anonymous pages need only a path. A page that needs data or a signed-in
    member gives `setup` instead: it runs once, in this process with Django
    set up on the bench database (after seed_demo), and returns the Target.
    """

    name: str
    path: str = "/"
    setup: Callable[[], Target] | None = None

    def target(self) -> Target:
        return self.setup() if self.setup else Target(self.path)


def enrolled_learner_module_page() -> Target:
    """A module in the middle of the demo course, for the demo learner, enrolled."""
    from accounts.models import User
    from courses.models import CoursePage
    from courses.selectors import course_modules
    from courses.services import enrolment_create

    learner = User.objects.get(email="learner@example.org")
    course = CoursePage.objects.live().get(slug="supporting-children-and-families-of-prisoners")
    enrolment_create(member=learner, course=course)
    modules = list(course_modules(course))
    return Target(modules[len(modules) // 2].url, signed_in_headers(learner.email))


BENCHMARKS: list[Benchmark] = [
    Benchmark("home_page", path="/"),
    Benchmark("course_catalogue", path="/courses/"),
    Benchmark("module_page_enrolled_learner", setup=enrolled_learner_module_page),
]


def django_ready() -> None:
    """Set Django up in this process, for setups that create data or sessions."""
    import django

    django.setup()


def targets_prepare(benchmarks: list[Benchmark]) -> dict[str, Target]:
    """Run every benchmark's setup, before the server starts, on an empty cache (the last
    run's entries name rows of a database since dropped)."""
    django_ready()
    from django.core.cache import cache
    from django.db import connections

    cache.clear()

    try:
        return {benchmark.name: benchmark.target() for benchmark in benchmarks}
    finally:
        # This process is done with the database; don't hold a connection during the measurement.
        connections.close_all()


def signed_in_headers(email: str) -> dict[str, str]:
    """A Cookie header that signs wrk's requests in as the given (seeded) member.

    The session is a real one in the bench database, so gunicorn's workers
    load it exactly as they would a browser's.
    """
    django_ready()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(email=email))
    cookie_name = settings.SESSION_COOKIE_NAME
    return {"Cookie": f"{cookie_name}={client.cookies[cookie_name].value}"}


# --- Preconditions and the database -----------------------------------------


def bench_seconds() -> int:
    raw = os.environ.get("BENCH_SECONDS", "10")
    if not raw.isdigit() or int(raw) < 1:
        raise BenchError(f"BENCH_SECONDS must be a whole number of seconds, got {raw!r}")
    return int(raw)


def require_tools() -> None:
    if shutil.which("wrk") is None:
        raise BenchError("wrk is missing: install it (Debian/Ubuntu: apt-get install wrk)")
    if not GUNICORN.exists():
        raise BenchError(f"gunicorn is missing from the virtualenv ({GUNICORN}): run make install")


def maintenance_url() -> str:
    """The same server, but the `postgres` database: one cannot drop the database one is connected to."""
    parts = urlsplit(DATABASE_URL)
    return urlunsplit(parts._replace(path="/postgres"))


def database_name() -> str:
    name = urlsplit(DATABASE_URL).path.lstrip("/")
    # A guard against a mistyped BENCH_DATABASE_URL dropping real data.
    if "bench" not in name:
        raise BenchError(f"refusing to drop database {name!r}: its name must contain 'bench'")
    return name


def postgres_connect() -> psycopg.Connection[Any]:
    parts = urlsplit(DATABASE_URL)
    try:
        return psycopg.connect(maintenance_url(), autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as error:
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise BenchError(f"PostgreSQL is missing: cannot connect to {parts.hostname}:{parts.port} ({reason})") from None


def postgres_version() -> str:
    with postgres_connect() as connection:
        row = connection.execute("SHOW server_version").fetchone()
    return str(row[0]) if row else "unknown"


def database_recreate() -> None:
    name = database_name()
    with postgres_connect() as connection:
        # FORCE: a previous run's gunicorn that did not stop cleanly must not block the drop.
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def use_bench_settings() -> None:
    """Point this process and every child (manage.py, gunicorn) at the bench settings and database."""
    os.environ["DJANGO_SETTINGS_MODULE"] = SETTINGS_MODULE
    os.environ["DATABASE_URL"] = DATABASE_URL


def manage(*args: str) -> None:
    command = [sys.executable, "manage.py", *args]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=900, check=False)
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
        raise BenchError(f"manage.py {' '.join(args)} failed ({done.returncode}): {tail[0]}")


def prepare_site() -> None:
    database_recreate()
    manage("migrate", "--noinput")
    manage("seed_demo", "--allow-production")
    manage("collectstatic", "--noinput", "--clear")


# --- The server -------------------------------------------------------------


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    # A redirect is an answer we must see, not follow: a signed-in page that
    # redirects to the sign-in form would otherwise be measured as a success.
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def http_status(url: str, headers: Mapping[str, str]) -> int:
    opener = urllib.request.build_opener(_NoRedirects)
    request = urllib.request.Request(url, headers=dict(headers))
    try:
        with opener.open(request, timeout=5) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code


def wait_until_answering(server: subprocess.Popen[bytes], url: str, limit: float = 60) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise BenchError(f"gunicorn exited with code {server.returncode}; see {GUNICORN_LOG}")
        try:
            status = http_status(url, {})
        except (urllib.error.URLError, OSError):
            time.sleep(0.2)
            continue
        if status != 200:
            raise BenchError(f"the floor {url} answered {status}; see {GUNICORN_LOG}")
        return
    raise BenchError(f"gunicorn did not answer within {limit:.0f}s; see {GUNICORN_LOG}")


def server_stop(server: subprocess.Popen[bytes]) -> None:
    # gunicorn shuts down gracefully on SIGTERM; it runs in a process group of its own
    # (start_new_session), so any worker that outlived its master is swept too.
    process_group_stop(server, grace=10)


@contextmanager
def gunicorn_running() -> Iterator[str]:
    """Start gunicorn on a free loopback port; yield its base URL; always stop it."""
    port = free_port()
    command = [
        str(GUNICORN),
        "elearning.wsgi",
        "--workers",
        str(GUNICORN_WORKERS),
        "--bind",
        f"127.0.0.1:{port}",
        "--graceful-timeout",
        "5",
        "--log-level",
        "warning",
    ]
    with GUNICORN_LOG.open("w") as log:
        server = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            base_url = f"http://127.0.0.1:{port}"
            wait_until_answering(server, base_url + FLOOR_PATH)
            yield base_url
        finally:
            server_stop(server)


# --- wrk --------------------------------------------------------------------


@dataclass(frozen=True)
class WrkResult:
    requests_per_second: float
    requests: int
    error_responses: int  # wrk's "Non-2xx or 3xx responses"
    socket_errors: int  # connect, read, write and timeout together


def wrk_parse(output: str) -> WrkResult:
    rate = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.MULTILINE)
    total = re.search(r"(\d+) requests in ", output)
    if not rate or not total:
        raise BenchError(f"cannot read wrk's output: {output.strip()[:200]!r}")
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    return WrkResult(
        requests_per_second=float(rate.group(1)),
        requests=int(total.group(1)),
        error_responses=int(errors.group(1)) if errors else 0,
        socket_errors=sum(int(count) for count in sockets.groups()) if sockets else 0,
    )


def wrk(
    url: str, headers: Mapping[str, str], seconds: int, script: Path | None = None, connections: int = WRK_CONNECTIONS
) -> WrkResult:
    """Run wrk; `script` is a Lua file for requests other than a plain GET (a POST body, say)."""
    command = [
        "wrk",
        f"-t{WRK_THREADS}",
        f"-c{max(connections, WRK_THREADS)}",
        f"-d{seconds}s",
        "--timeout",
        WRK_TIMEOUT,
    ]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    if script is not None:
        command += ["-s", str(script)]
    command.append(url)
    done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 30, check=False)
    if done.returncode != 0:
        raise BenchError(f"wrk failed ({done.returncode}): {done.stderr.strip()[:200]}")
    return wrk_parse(done.stdout)


def measure(label: str, url: str, headers: Mapping[str, str], seconds: int, script: Path | None = None) -> float:
    """Requests per second, or a loud failure if any response was not a success."""
    result = wrk(url, headers, seconds, script)
    if result.error_responses:
        raise BenchError(
            f"{label}: {result.error_responses} of {result.requests} responses were errors "
            f"(not 2xx/3xx) at {url}; see {GUNICORN_LOG}"
        )
    if result.socket_errors:
        raise BenchError(f"{label}: {result.socket_errors} socket errors or timeouts at {url}; see {GUNICORN_LOG}")
    return result.requests_per_second


def require_ok(label: str, url: str, headers: Mapping[str, str]) -> None:
    # wrk counts 3xx as success; one plain request first makes sure the page
    # itself is served, not a redirect away from it.
    status = http_status(url, headers)
    if status != 200:
        raise BenchError(f"{label}: {url} answered {status}, expected 200; see {GUNICORN_LOG}")


def run_benchmark(benchmark: Benchmark, target: Target, base_url: str, seconds: int) -> dict[str, object]:
    # The floor gets the same headers as the page, so the view is the only difference.
    floor_url, page_url = base_url + FLOOR_PATH, base_url + target.path
    require_ok("floor", floor_url, target.headers)
    require_ok(benchmark.name, page_url, target.headers)
    # Warm-up: lets every worker load URLconfs and compile templates, and
    # connect to the database, before anything is counted.
    wrk(floor_url, target.headers, WARMUP_SECONDS)
    wrk(page_url, target.headers, WARMUP_SECONDS)
    # The floor is measured in two halves around the page: if other work on the
    # machine speeds up or slows down during the run, both sides see it alike.
    half = max(1, (seconds + 1) // 2)
    floor_before = measure(f"{benchmark.name} floor", floor_url, target.headers, half)
    value = measure(benchmark.name, page_url, target.headers, seconds)
    floor_after = measure(f"{benchmark.name} floor", floor_url, target.headers, half)
    floor = (floor_before + floor_after) / 2
    if abs(floor_before - floor_after) > FLOOR_DRIFT_WARNING * floor:
        progress(
            f"warning: the floor moved from {floor_before:.0f} to {floor_after:.0f} req/s during "
            f"{benchmark.name}; something else is using the machine, so the ratio is unreliable"
        )
    return {
        "value": round(value, 1),
        "floor": round(floor, 1),
        "ratio": round(value / floor, 3),  # 3 places: pages far below the floor still show change
        "unit": "req/s",
        "higher_is_better": True,
    }


# --- Suites -----------------------------------------------------------------


def progress(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def celery_broker_use(url: str) -> None:
    """Point this process's Celery app at another broker. The app caches its
    connection and producer pools, which would keep talking to the old one."""
    from elearning.celery import app

    app.conf.broker_url = url  # type: ignore[misc]  # celery-types marks it read-only; Celery allows it
    cached: Any = app  # the pools are private attributes the stubs do not declare
    if cached._pool is not None:
        cached._pool.force_close_all()
        cached._pool = None
    cached.amqp._producer_pool = None


def celery_worker_env(broker_url: str) -> dict[str, str]:
    """The environment of a suite's worker process: this run's settings and
    database (set by use_bench_settings) and the suite's own broker."""
    return {**os.environ, "CELERY_BROKER_URL": broker_url}


def celery_worker_wait(worker: "subprocess.Popen[bytes]", log_path: Path, label: str) -> None:
    """Empty the queue, then wait (up to a minute) until the worker answers a ping."""
    from elearning.celery import app

    with app.connection_for_write() as connection:
        connection.default_channel.queue_purge("celery")  # type: ignore[attr-defined]  # kombu channels have it; the stubs do not say
    deadline = time.monotonic() + 60
    while not app.control.ping(timeout=0.5):
        if worker.poll() is not None or time.monotonic() > deadline:
            raise BenchError(f"the {label} worker did not start; see {log_path}")


@dataclass
class Harness:
    """What a suite gets: the running server, the time budget and the tools.

    A suite is a module `bench/suite_<name>.py` with
    `run(harness: Harness) -> dict[str, dict[str, object]]`: figures by name,
    each with `value`, `floor`, `ratio`, `unit` and `higher_is_better` (and
    whatever else explains it). It runs after the page benchmarks, in this
    process with Django set up on the bench database, while gunicorn serves
    `base_url`. Suites that measure something other than HTTP (a worker, a
    parser) measure their own floor in the same run, as the README says.
    """

    base_url: str
    seconds: int
    work_dir: Path = WORK_DIR

    def floor_rps(self, headers: Mapping[str, str] | None = None, seconds: int | None = None) -> float:
        """Requests per second of the floor view, with these headers, now."""
        return measure("floor", self.base_url + FLOOR_PATH, headers or {}, seconds or max(1, self.seconds // 2))

    def wrk_against_floor(
        self, label: str, url: str, headers: Mapping[str, str], script: Path | None = None
    ) -> tuple[WrkResult, float]:
        """wrk on `url` for the time budget, between two measures of the floor with the same
        headers: the result (refused if any response failed) and the mean floor."""
        floor_before = self.floor_rps(headers)
        result = wrk(url, headers, self.seconds, script)
        floor_after = self.floor_rps(headers)
        if result.error_responses or result.socket_errors:
            raise BenchError(f"{label}: {result.error_responses} errors, {result.socket_errors} socket errors")
        return result, (floor_before + floor_after) / 2

    wrk = staticmethod(wrk)
    measure = staticmethod(measure)
    require_ok = staticmethod(require_ok)
    progress = staticmethod(progress)
    signed_in_headers = staticmethod(signed_in_headers)
    celery_broker_use = staticmethod(celery_broker_use)
    celery_worker_env = staticmethod(celery_worker_env)
    celery_worker_wait = staticmethod(celery_worker_wait)


def suites_discover() -> list[tuple[str, Any]]:
    import importlib

    found = []
    for path in sorted((ROOT / "bench").glob("suite_*.py")):
        name = path.stem.removeprefix("suite_")
        found.append((name, importlib.import_module(f"bench.{path.stem}")))
    return found


def _only() -> list[str]:
    return [part.strip() for part in os.environ.get("BENCH_ONLY", "").split(",") if part.strip()]


def selected(name: str) -> bool:
    """BENCH_ONLY=name,name limits a run to some benchmarks and suites (by name or prefix)."""
    only = _only()
    return not only or any(name.startswith(part) for part in only)


def suite_selected(name: str) -> bool:
    """The suite runs when it is selected, or when one of its figures is (BENCH_ONLY=scorm_player
    runs the scorm suite, which then measures that figure alone)."""
    return selected(name) or any(part.startswith(f"{name}_") for part in _only())


# --- Report -----------------------------------------------------------------


def cpu_model() -> str:
    with suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def machine(seconds: int, postgres: str) -> dict[str, object]:
    return {
        "cpu_count": os.cpu_count(),
        "cpu_model": cpu_model(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "postgresql": postgres,
        "gunicorn_workers": GUNICORN_WORKERS,
        "wrk": f"-t{WRK_THREADS} -c{WRK_CONNECTIONS} -d{seconds}s --timeout {WRK_TIMEOUT}",
    }


def report_line(name: str, figures: Mapping[str, object]) -> str:
    unit = figures.get("unit", "req/s")
    return f"{name}: {figures['value']} {unit}, floor {figures['floor']} {unit}, ratio {figures['ratio']}"


def run() -> None:
    seconds = bench_seconds()
    require_tools()
    postgres = postgres_version()
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    use_bench_settings()

    progress(f"recreating {database_name()}, migrating, seeding, collecting static files")
    prepare_site()
    benchmarks = [benchmark for benchmark in BENCHMARKS if selected(benchmark.name)]
    suites = [(name, suite) for name, suite in suites_discover() if suite_selected(name)]
    targets = targets_prepare(benchmarks)

    # A partial run (BENCH_ONLY) keeps the other figures from the last full run.
    results: dict[str, dict[str, object]] = {}
    if os.environ.get("BENCH_ONLY") and RESULTS_PATH.exists():
        results = json.loads(RESULTS_PATH.read_text()).get("benchmarks", {})
    progress(f"starting gunicorn ({GUNICORN_WORKERS} workers); wrk runs {seconds}s on each page and on its floor")
    with gunicorn_running() as base_url:
        for benchmark in benchmarks:
            results[benchmark.name] = run_benchmark(benchmark, targets[benchmark.name], base_url, seconds)
            print(report_line(benchmark.name, results[benchmark.name]), flush=True)
        harness = Harness(base_url=base_url, seconds=seconds)
        for name, suite in suites:
            progress(f"suite {name}")
            for figure_name, figures in suite.run(harness).items():
                results[figure_name] = figures
                print(report_line(figure_name, figures), flush=True)

    document = {
        "benchmarks": results,
        "machine": machine(seconds, postgres),
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    RESULTS_PATH.write_text(json.dumps(document, indent=2) + "\n")
    progress(f"wrote {RESULTS_PATH}")


def main() -> int:
    try:
        run()
    except BenchError as error:
        print(f"bench: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
