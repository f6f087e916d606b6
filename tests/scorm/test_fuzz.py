"""Hypothesis over zip structure: whatever the bytes, inspecting and
extracting a package either succeeds or raises PackageError, never anything
else (an unhandled exception would be a traceback from import_scorm, a 500
from the CMS form, or a package stuck "processing").

The examples are real zips with hostile choices in every field a zip
carries (names, flags, methods, sizes, nesting of the manifest), then bytes
flipped or cut. The run is bounded in time (FUZZ_SECONDS, default 30) so it
fits in CI; set it higher locally to search longer."""

import contextlib
import io
import os
import time
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scorm.packages import PackageError, PackageLimits, package_extract_to, package_inspect
from tests.scorm.builders import MANIFEST_12

BUDGET_SECONDS = float(os.environ.get("FUZZ_SECONDS", "30"))
LIMITS = PackageLimits(unpacked_bytes=2 * 1024**2, entry_bytes=1024**2, entries=200)

name_parts = st.sampled_from(
    ["index.html", "a", "a/b", "..", ".", "", "x" * 260, "C:", "\\", "\x00", "é", "imsmanifest.xml"]
)
names = st.lists(name_parts, min_size=1, max_size=3).map("/".join) | st.text(max_size=40)


@st.composite
def manifests(draw: st.DrawFn) -> bytes:
    depth = draw(st.integers(min_value=0, max_value=40))
    items = "".join(f'<item identifier="i{n}" identifierref="r1">' for n in range(depth)) + "</item>" * depth
    href = draw(st.sampled_from(["index.html", "../x", "javascript:1", "a/b", "", "%2e%2e/x", "index.html?x=1#y"]))
    base = MANIFEST_12.format(title=draw(st.text(max_size=20)).replace("<", ""), href=href)
    manifest = base.replace("</organization>", items + "</organization>")
    if draw(st.booleans()):
        manifest = manifest[: draw(st.integers(min_value=0, max_value=len(manifest)))]
    return manifest.encode("utf-8", "surrogatepass")


@st.composite
def zips(draw: st.DrawFn) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("imsmanifest.xml", draw(manifests()), compress_type=zipfile.ZIP_DEFLATED)
        for _ in range(draw(st.integers(min_value=0, max_value=6))):
            info = zipfile.ZipInfo(draw(names) or "empty")
            info.compress_type = draw(st.sampled_from([zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED]))
            if draw(st.booleans()):
                info.create_system = 3
                info.external_attr = draw(st.integers(min_value=0, max_value=0xFFFF)) << 16
            content = draw(st.binary(max_size=64)) * draw(st.integers(min_value=1, max_value=2000))
            try:
                archive.writestr(info, content)
            except (ValueError, UnicodeError):
                continue  # names zipfile itself will not write
    data = bytearray(buffer.getvalue())
    # Then damage it: flip bytes (sizes, methods, flags, offsets all live in the headers) or cut it short.
    for _ in range(draw(st.integers(min_value=0, max_value=8))):
        if data:
            data[draw(st.integers(min_value=0, max_value=len(data) - 1))] = draw(st.integers(0, 255))
    if draw(st.booleans()):
        data = data[: draw(st.integers(min_value=0, max_value=len(data)))]
    return bytes(data)


def check(data: bytes) -> None:
    try:
        package_inspect(io.BytesIO(data), LIMITS)
    except PackageError:
        return

    def save(name: str, stream: object) -> None:
        for _chunk in stream.chunks():  # type: ignore[attr-defined]
            pass

    with contextlib.suppress(PackageError):
        package_extract_to(io.BytesIO(data), save, LIMITS)


@pytest.mark.filterwarnings("ignore:Duplicate name:UserWarning")  # duplicate names are one of the shapes tried
def test_no_zip_structure_raises_anything_but_a_package_error():
    deadline = time.monotonic() + BUDGET_SECONDS
    runs = 0

    # Batches of fresh random examples until the time is spent; a failure is
    # shrunk and reported by Hypothesis as the exception the package raised.
    @settings(max_examples=100, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(zips())
    def run(data: bytes) -> None:
        nonlocal runs
        runs += 1
        check(data)

    while time.monotonic() < deadline:
        run()
    assert runs >= 100, f"only {runs} examples ran in {BUDGET_SECONDS} s"
