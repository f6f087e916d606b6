"""SCORM: commit throughput over HTTP, and extraction of a 50 MB package.

`scorm_commit`: the player's commit as scorm-again sends it with sendBeacon
(POST /scorm/commit/, text/plain JSON, the platform's Origin, a signed
attempt token) carrying a realistic payload: 4 KB of suspend_data and 30
interactions in a SCORM 1.2 CMI. Each request is a fresh commit (a sequence
number above the last): wrk thread t of n uses its own ATTEMPTS_PER_THREAD
attempts in turn with a per-thread counter as the sequence, so with 8
connections per thread an attempt is reused only long after its previous
commit has been answered and no commit is ignored as stale (which would be
cheaper). The floor is the floor view with the same session cookie.
Ratio = commits per second / floor requests per second (aim >= 0.3).

`scorm_walk_18`: commits of a learner walking an 18-SCO package: each request
commits the next SCO of an attempt in turn (location, a little suspend data,
completed), as the player sends each SCO's final commit; the attempt holds
every SCO's state and rolls its status up over all 18 on each commit. The
figure is commits per second (ratio to the floor as above).

`scorm_player_open_100`: opening the player (GET /scorm/play/<module>/<package>/,
the learner signed in, their attempt already begun) of a SCORM 2004 4th Edition
package of 100 SCOs in 10 units, every SCO with a pre-condition on the one
before it and an objective mapped to a global one, every unit with flow and
rollup rules: the page, its contents list of 110 entries and the activity tree
handed to the engine. Ratio = pages per second / floor requests per second.

`scorm_extract_50mb`: checking and extracting a 50 MB package (an HTML
course with 40 media-like files of incompressible bytes and 400 small
pages) through `scorm.packages.package_inspect` and `package_extract_to`
into a FileSystemStorage, against `unzip -q` of the same file into another
empty folder. Median of EXTRACT_RUNS each. Ratio = our time / unzip's time
(lower is better; 1 would be as fast as unzip).
"""

import io
import json
import os
import shutil
import statistics
import subprocess
import tempfile
import time
import uuid
import zipfile
from pathlib import Path
from typing import Any

ATTEMPTS_PER_THREAD = 64
EXTRACT_RUNS = 3
WALK_SCOS = 18
SEQUENCED_UNITS = 10
SEQUENCED_SCOS_PER_UNIT = 10
MANIFEST = """<?xml version="1.0"?>
<manifest identifier="bench" version="1" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="org"><organization identifier="org"><title>Bench course</title>
    <item identifier="i1" identifierref="r1"><title>Only page</title></item></organization></organizations>
  <resources><resource identifier="r1" type="webcontent" adlcp:scormtype="sco" href="index.html">
    <file href="index.html"/></resource></resources>
</manifest>"""


def _manifest_walk() -> str:
    items = "".join(
        f'<item identifier="s{n}" identifierref="r{n}"><title>Part {n}</title></item>' for n in range(WALK_SCOS)
    )
    resources = "".join(
        f'<resource identifier="r{n}" type="webcontent" adlcp:scormtype="sco" href="s{n}.html"/>'
        for n in range(WALK_SCOS)
    )
    return (
        '<?xml version="1.0"?><manifest identifier="walk" version="1" '
        'xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">'
        "<metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>"
        f'<organizations default="o"><organization identifier="o"><title>Walk</title>{items}</organization>'
        f"</organizations><resources>{resources}</resources></manifest>"
    )


def _sequenced_names() -> list[str]:
    """The SCOs of the sequenced package, unit by unit."""
    return [f"s{u}-{n}" for u in range(SEQUENCED_UNITS) for n in range(SEQUENCED_SCOS_PER_UNIT)]


def _manifest_sequenced() -> str:
    """SEQUENCED_UNITS units of SEQUENCED_SCOS_PER_UNIT SCOs, in forced order: each SCO is
    disabled until the one before it is satisfied (read through a global objective)."""
    ns = (
        'xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3" '
        'xmlns:imsss="http://www.imsglobal.org/xsd/imsss" xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"'
    )
    names = _sequenced_names()

    def sco(index: int) -> str:
        name = names[index]
        gate = ""
        if index:
            gate = (
                "<imsss:sequencingRules><imsss:preConditionRule>"
                '<imsss:ruleConditions conditionCombination="any">'
                '<imsss:ruleCondition referencedObjective="before" operator="not" condition="satisfied"/>'
                '<imsss:ruleCondition referencedObjective="before" operator="not" condition="objectiveStatusKnown"/>'
                '</imsss:ruleConditions><imsss:ruleAction action="disabled"/>'
                "</imsss:preConditionRule></imsss:sequencingRules>"
            )
        before = (
            f'<imsss:objective objectiveID="before"><imsss:mapInfo targetObjectiveID="g-{names[index - 1]}" '
            'readSatisfiedStatus="true" writeSatisfiedStatus="false"/></imsss:objective>'
            if index
            else ""
        )
        return (
            f'<item identifier="{name}" identifierref="r-{name}"><title>Part {name}</title><imsss:sequencing>'
            f'{gate}<imsss:objectives><imsss:primaryObjective objectiveID="done">'
            f'<imsss:mapInfo targetObjectiveID="g-{name}" writeSatisfiedStatus="true"/></imsss:primaryObjective>'
            f"{before}</imsss:objectives>"
            '<imsss:deliveryControls completionSetByContent="true" objectiveSetByContent="true"/>'
            "</imsss:sequencing></item>"
        )

    units = "".join(
        f'<item identifier="u{u}"><title>Unit {u}</title>'
        + "".join(sco(u * SEQUENCED_SCOS_PER_UNIT + n) for n in range(SEQUENCED_SCOS_PER_UNIT))
        + '<imsss:sequencing><imsss:controlMode choice="true" flow="true"/><imsss:rollupRules>'
        '<imsss:rollupRule childActivitySet="all"><imsss:rollupConditions>'
        '<imsss:rollupCondition condition="satisfied"/></imsss:rollupConditions>'
        '<imsss:rollupAction action="satisfied"/></imsss:rollupRule></imsss:rollupRules></imsss:sequencing></item>'
        for u in range(SEQUENCED_UNITS)
    )
    resources = "".join(
        f'<resource identifier="r-{name}" type="webcontent" adlcp:scormType="sco" href="{name}.html">'
        f'<file href="{name}.html"/></resource>'
        for name in names
    )
    return (
        f'<?xml version="1.0"?><manifest identifier="sequenced" version="1" {ns}>'
        "<metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>"
        f'<organizations default="o"><organization identifier="o"><title>Sequenced</title>{units}'
        '<imsss:sequencing><imsss:controlMode choice="true" flow="true"/></imsss:sequencing>'
        f"</organization></organizations><resources>{resources}</resources></manifest>"
    )


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _payload_cmi() -> dict[str, Any]:
    interactions = {
        str(n): {
            "id": f"question-{n}",
            "type": "choice",
            "student_response": "b",
            "correct_responses": {"0": {"pattern": "b"}},
            "result": "correct",
            "latency": "00:00:12",
            "time": "10:00:00",
        }
        for n in range(30)
    }
    return {
        "core": {
            "lesson_status": "incomplete",
            "lesson_location": "slide-12",
            "score": {"raw": "40", "min": "0", "max": "100"},
            "session_time": "00:05:00",
            "exit": "suspend",
        },
        "suspend_data": "s" * 4096,
        "interactions": interactions,
    }


def _placed(files: dict[str, bytes], email: str) -> tuple[Any, Any, Any, str]:
    """The package made of `files`, placed as the only block of a new module, and the learner
    `email` enrolled on its course: (package, module, learner, block id)."""
    from django.core.files.base import ContentFile

    from accounts.models import User
    from cms.models import HomePage
    from courses.models import CourseIndexPage, CoursePage, ModulePage
    from courses.services import enrolment_create
    from scorm.services import package_create, package_process

    upload = ContentFile(_zip(files), name="bench.zip")
    package = package_process(package_create(upload=upload).pk)
    if package.failure_reason:
        raise RuntimeError(f"scorm bench package refused: {package.failure_reason}")
    index = CourseIndexPage.objects.first()
    if index is None:
        index = CourseIndexPage(title="Courses", slug="courses")
        HomePage.objects.get().add_child(instance=index)
    course = CoursePage(
        title="SCORM bench",
        slug=f"scorm-bench-{uuid.uuid4().hex[:8]}",
        summary="Bench",
        learning_outcomes="Bench",
        estimated_minutes=10,
        cpd_hours=1,
    )
    index.add_child(instance=course)
    block_id = str(uuid.uuid4())
    value = {"package": package.pk, "attempts_allowed": 0, "completion_rule": "completed", "required": True}
    module = ModulePage(title="SCORM", stage="court", estimated_minutes=10, summary="Bench", body=[])
    module.body = [{"type": "scorm", "value": value, "id": block_id}]
    course.add_child(instance=module)
    learner, _ = User.objects.get_or_create(email=email, defaults={"full_name": "Bench"})
    enrolment_create(member=learner, course=course)
    return package, module, learner, block_id


def _prepare_commits(threads: int, *, walk: bool = False) -> tuple[str, list[str], str, str]:
    """A learner with threads * ATTEMPTS_PER_THREAD attempts of a one-SCO package (or
    the 18-SCO one) placed in a module: their Cookie header, the tokens, the SCO and a
    body template."""
    from bench.run import signed_in_headers
    from scorm.models import ScormAttempt
    from scorm.tokens import commit_token

    if walk:
        files = {"imsmanifest.xml": _manifest_walk().encode(), **{f"s{n}.html": b"hi" for n in range(WALK_SCOS)}}
    else:
        files = {"imsmanifest.xml": MANIFEST.encode(), "index.html": b"hi"}
    email = "bench-scorm-walk@example.org" if walk else "bench-scorm@example.org"
    package, module, learner, block_id = _placed(files, email)
    count = threads * ATTEMPTS_PER_THREAD
    attempts = ScormAttempt.objects.bulk_create(
        [ScormAttempt(member=learner, package=package, module=module, number=n + 1) for n in range(count)]
    )
    tokens = [commit_token(attempt_id=a.pk, member_id=learner.pk, block_id=block_id) for a in attempts]
    cookie = signed_in_headers(learner.email)["Cookie"]
    if walk:
        cmi = {
            "core": {"lesson_status": "completed", "lesson_location": "end", "session_time": "00:00:20", "exit": ""},
            "suspend_data": "v" * 200,
        }
        return cookie, tokens, "s", json.dumps(cmi)
    return cookie, tokens, "i1", json.dumps(_payload_cmi())


def _lua_script(
    work_dir: Path, tokens: list[str], cmi: str, origin: str, cookie: str, threads: int, *, walk: bool = False
) -> Path:
    listing = work_dir / "scorm-tokens.txt"
    listing.write_text("".join(f"{token}\n" for token in tokens))
    cmi_file = work_dir / "scorm-cmi.json"
    cmi_file.write_text(cmi)
    script = work_dir / ("scorm-walk.lua" if walk else "scorm-commits.lua")
    # The walk moves each attempt on to its next SCO every time it comes round again.
    sco_expression = f'"s" .. (math.floor((sequence - 1) / #tokens) % {WALK_SCOS})' if walk else '"i1"'
    script.write_text(
        f"""
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
end
function init(args)
  local all = {{}}
  for line in io.lines("{listing}") do table.insert(all, line) end
  tokens = {{}}
  for i = id, #all, {threads} do table.insert(tokens, all[i]) end
  local f = io.open("{cmi_file}")
  cmi = f:read("*a")
  f:close()
  sequence = 0
end
function request()
  sequence = sequence + 1
  local token = tokens[((sequence - 1) % #tokens) + 1]
  local sco = {sco_expression}
  local body = '{{"token": "' .. token .. '", "sequence": ' .. sequence ..
    ', "sco": "' .. sco .. '", "session": "bench", "cmi": ' .. cmi .. '}}'
  return wrk.format("POST", "/scorm/commit/", {{["Content-Type"] = "text/plain;charset=UTF-8",
    ["Origin"] = "{origin}", ["Cookie"] = "{cookie}"}}, body)
end
"""
    )
    return script


def commit_figure(harness: Any, *, walk: bool = False) -> dict[str, Any]:
    from django.db import connections

    from bench.run import WRK_THREADS
    from scorm.models import ScormAttempt

    cookie, tokens, _, cmi = _prepare_commits(WRK_THREADS, walk=walk)
    connections.close_all()
    harness.work_dir.mkdir(parents=True, exist_ok=True)
    origin = harness.base_url.rstrip("/")
    script = _lua_script(harness.work_dir, tokens, cmi, origin, cookie, WRK_THREADS, walk=walk)
    result, floor = harness.wrk_against_floor("scorm commits", harness.base_url + "/", {"Cookie": cookie}, script)
    email = "bench-scorm-walk@example.org" if walk else "bench-scorm@example.org"
    stored = ScormAttempt.objects.filter(member__email=email, sequence__gt=0).count()
    if stored != len(tokens):
        raise RuntimeError(f"scorm commits: only {stored} of {len(tokens)} attempts received a commit")
    value = result.requests_per_second
    return {
        "value": round(value, 1),
        "floor": round(floor, 1),
        "ratio": round(value / floor, 3),
        "unit": "commits/s",
        "higher_is_better": True,
        "requests": result.requests,
        "payload_bytes": len(cmi),
        **({"scos": WALK_SCOS} if walk else {}),
    }


def player_open_figure(harness: Any) -> dict[str, Any]:
    from django.db import connections

    manifest = _manifest_sequenced()
    names = _sequenced_names()
    files = {"imsmanifest.xml": manifest.encode(), **{f"{name}.html": b"hi" for name in names}}
    package, module, learner, _ = _placed(files, "bench-scorm-sequenced@example.org")
    if not package.sequencing or len(package.scos) != len(names):
        raise RuntimeError("scorm player bench: the package was not read as 100 sequenced SCOs")
    headers = {"Cookie": harness.signed_in_headers(learner.email)["Cookie"]}
    connections.close_all()
    url = f"{harness.base_url.rstrip('/')}/scorm/play/{module.pk}/{package.pk}/"
    harness.require_ok("scorm player", url, headers)  # the first opening begins the attempt
    result, floor = harness.wrk_against_floor("scorm player", url, headers)
    value = result.requests_per_second
    return {
        "value": round(value, 1),
        "floor": round(floor, 1),
        "ratio": round(value / floor, 3),
        "unit": "pages/s",
        "higher_is_better": True,
        "requests": result.requests,
        "activities": len(names),
        "manifest_bytes": len(manifest),
    }


def _package_50mb(path: Path) -> None:
    files: dict[str, bytes] = {"imsmanifest.xml": MANIFEST.encode(), "index.html": b"<h1>Course</h1>"}
    for n in range(40):
        files[f"media/clip-{n}.mp4"] = os.urandom(1_200_000)  # media: incompressible, stored deflated anyway
    for n in range(400):
        files[f"pages/page-{n}.html"] = (f"<p>Page {n} of the course. " * 400).encode()
    path.write_bytes(_zip(files))


def _median_seconds(action: Any) -> float:
    times = []
    for _ in range(EXTRACT_RUNS):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def extract_figure(harness: Any) -> dict[str, Any]:
    from django.core.files import File
    from django.core.files.storage import FileSystemStorage

    from scorm.packages import package_extract_to, package_inspect

    work = Path(tempfile.mkdtemp(prefix="scorm-bench-"))
    try:
        package = work / "package.zip"
        _package_50mb(package)

        def ours() -> None:
            target = work / f"ours-{uuid.uuid4().hex}"
            storage = FileSystemStorage(location=str(target))
            with package.open("rb") as source:
                package_inspect(source)
                source.seek(0)
                package_extract_to(source, lambda name, stream: storage.save(name, File(stream, name=name)))
            shutil.rmtree(target)

        def unzip() -> None:
            target = work / f"unzip-{uuid.uuid4().hex}"
            subprocess.run(["unzip", "-q", str(package), "-d", str(target)], check=True)
            shutil.rmtree(target)

        floor = _median_seconds(unzip)
        value = _median_seconds(ours)
        size = package.stat().st_size
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return {
        "value": round(value, 3),
        "floor": round(floor, 3),
        "ratio": round(value / floor, 2),
        "unit": "s",
        "higher_is_better": False,
        "package_mb": round(size / 1_000_000, 1),
    }


def run(harness: Any) -> dict[str, dict[str, Any]]:
    from bench.run import selected

    figures = {}
    if selected("scorm_commit"):
        figures["scorm_commit"] = commit_figure(harness)
    if selected("scorm_walk"):
        figures["scorm_walk_18"] = commit_figure(harness, walk=True)
    if selected("scorm_player"):
        figures["scorm_player_open_100"] = player_open_figure(harness)
    if selected("scorm_extract"):
        figures["scorm_extract_50mb"] = extract_figure(harness)
    return figures
