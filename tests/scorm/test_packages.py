"""The package checks, on zips built here and on the real fixture packages."""

import contextlib
import io
import socket
import threading
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from scorm.packages import (
    MAX_ENTRIES,
    SCORM_12,
    SCORM_2004_2ND,
    SCORM_2004_3RD,
    SCORM_2004_4TH,
    PackageError,
    PackageLimits,
    _RunningTotal,
    package_extract_to,
    package_inspect,
)
from tests.scorm.builders import (
    HOSTILE_PACKAGES,
    MANIFEST_12,
    make_zip,
    package_12,
    package_2004,
    with_lying_size,
    with_symlink,
)

FIXTURES = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures" / "scorm"


def inspect(data: bytes):
    return package_inspect(io.BytesIO(data))


def refused(data: bytes) -> str:
    with pytest.raises(PackageError) as caught:
        inspect(data)
    return str(caught.value)


def test_a_scorm_12_package_is_read():
    manifest = inspect(package_12())

    assert (manifest.title, manifest.version) == ("Supporting children at court", SCORM_12)
    assert [(sco.title, sco.launch) for sco in manifest.scos] == [("Only page", "index.html")]


def test_a_2004_package_uses_the_default_organization_nested_items_xml_base_and_parameters():
    manifest = inspect(package_2004())

    assert manifest.title == "Arrest and court"
    assert manifest.version == SCORM_2004_4TH
    assert [(sco.title, sco.launch, sco.depth) for sco in manifest.scos] == [
        ("Arrest", "content/arrest.html?page=2", 1),
        ("Court", "content/court/index.html?lang=en", 1),
        ("Prison", "content/prison.html", 0),
    ]


@pytest.mark.parametrize(
    ("schemaversion", "version"),
    [("CAM 1.3", SCORM_2004_2ND), ("2004 3rd Edition", SCORM_2004_3RD), ("2004 4th Edition", SCORM_2004_4TH)],
)
def test_scorm_2004_editions_are_told_apart(schemaversion, version):
    assert inspect(package_2004(schemaversion)).version == version


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("../escape.html", "outside the package"),
        ("content/../../escape.html", "outside the package"),
        ("/etc/cron.d/evil", "absolute path"),
        ("C:/Windows/evil.dll", "absolute path"),
        ("content\\..\\..\\evil.html", "backslash"),
    ],
)
def test_entries_that_would_land_outside_the_package_are_refused(name, reason):
    assert reason in refused(package_12(**{name: "x"}))


def test_a_symbolic_link_is_refused():
    assert "symbolic link" in refused(with_symlink())


def test_a_zip_bomb_by_ratio_is_refused_without_inflating_it():
    bomb = package_12(**{"video.mp4": b"\0" * (60 * 1024**2)})
    tracemalloc.start()
    try:
        reason = refused(bomb)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert "zip bomb" in reason
    assert peak < 5 * 1024**2, f"checking the bomb took {peak:,} bytes"


def test_a_zip_bomb_by_entry_count_is_refused():
    many = {f"f{number}.txt": "" for number in range(MAX_ENTRIES + 1)}
    assert "files; the limit is" in refused(package_12(**many))


def test_a_declared_size_that_lies_is_caught_while_extracting_and_nothing_is_kept():
    data = with_lying_size()
    inspect(data)  # its directory looks harmless
    written: dict[str, int] = {}

    def save(name, stream):
        written[name] = sum(len(chunk) for chunk in stream.chunks())

    with pytest.raises(PackageError, match=r"big\.html|damaged"):
        package_extract_to(io.BytesIO(data), save)
    assert written.get("big.html", 0) <= 100


def test_not_a_zip_is_refused():
    assert "not a zip archive" in refused(b"%PDF-1.7 definitely not a zip")


def test_a_manifest_in_a_folder_is_refused_with_what_to_do():
    data = make_zip({"course/imsmanifest.xml": MANIFEST_12.format(title="t", href="index.html")})
    assert "no imsmanifest.xml at the top" in refused(data)


@pytest.mark.parametrize(
    ("href", "reason"),
    [
        ("../../../../etc/passwd", "outside the package"),
        ("javascript:alert(document.cookie)", "not a file inside the package"),
        ("https://example.com/course.html", "not a file inside the package"),
        ("missing.html", "missing from the package"),
    ],
)
def test_launch_addresses_must_be_files_in_the_package(href, reason):
    assert reason in refused(package_12(href=href))


def test_billion_laughs_is_refused_within_a_memory_bound():
    lol = '<!DOCTYPE lolz [<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">' for n in range(1, 10)
    )
    manifest = MANIFEST_12.format(title="&lol9;", href="index.html").replace(
        '<?xml version="1.0"?>', '<?xml version="1.0"?>' + lol + "]>"
    )
    tracemalloc.start()
    try:
        reason = refused(make_zip({"imsmanifest.xml": manifest, "index.html": "x"}))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "DTD or entities" in reason
    assert peak < 5 * 1024**2


def test_an_external_entity_reading_a_file_is_refused():
    manifest = MANIFEST_12.format(title="&x;", href="index.html").replace(
        '<?xml version="1.0"?>', '<?xml version="1.0"?><!DOCTYPE m [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    )
    reason = refused(make_zip({"imsmanifest.xml": manifest, "index.html": "x"}))
    assert "DTD or entities" in reason
    assert "root:" not in reason


def test_an_entity_pointing_at_a_loopback_address_is_refused_and_fetches_nothing():
    canary = socket.socket()
    canary.bind(("127.0.0.1", 0))
    canary.listen()
    canary.settimeout(0.5)
    port = canary.getsockname()[1]
    connections = []

    def listen():
        with contextlib.suppress(OSError):  # the accept timing out is the good outcome
            connections.append(canary.accept())

    listener = threading.Thread(target=listen)
    listener.start()
    manifest = MANIFEST_12.format(title="&x;", href="index.html").replace(
        '<?xml version="1.0"?>',
        f'<?xml version="1.0"?><!DOCTYPE m SYSTEM "http://127.0.0.1:{port}/dtd"'
        f' [<!ENTITY x SYSTEM "http://127.0.0.1:{port}/x">]>',
    )
    try:
        reason = refused(make_zip({"imsmanifest.xml": manifest, "index.html": "x"}))
    finally:
        listener.join()
        canary.close()

    assert "DTD or entities" in reason
    assert connections == [], "the manifest made a request to the loopback canary"


def test_a_malformed_manifest_is_refused_with_where():
    reason = refused(make_zip({"imsmanifest.xml": "<manifest><organizations>", "index.html": "x"}))
    assert reason.startswith("The manifest is not well-formed XML: no element found: line 1")


def test_a_script_in_the_title_is_accepted_as_text():
    manifest = inspect(package_12(title="&lt;script&gt;alert(1)&lt;/script&gt;"))
    assert manifest.title == "<script>alert(1)</script>"


def test_extraction_writes_every_file_under_its_own_name():
    written: dict[str, bytes] = {}

    def save(name, stream):
        written[name] = b"".join(stream.chunks())

    total = package_extract_to(io.BytesIO(package_2004()), save)

    assert sorted(written) == [
        "content/arrest.html",
        "content/court/index.html",
        "content/prison.html",
        "imsmanifest.xml",
    ]
    assert written["content/court/index.html"] == b"court"
    assert total == sum(len(content) for content in written.values())


@pytest.mark.parametrize(
    ("name", "version", "launch"),
    [
        ("RuntimeBasicCalls_SCORM12.zip", SCORM_12, "shared/launchpage.html"),
        ("RuntimeBasicCalls_SCORM20043rdEdition.zip", SCORM_2004_3RD, "shared/launchpage.html"),
    ],
)
def test_the_real_fixture_packages_are_read(name, version, launch):
    path = FIXTURES / name
    if not path.exists():
        pytest.skip(f"{path} is absent (the shared fixtures sit beside the repository)")
    with path.open("rb") as stream:
        manifest = package_inspect(stream)
    assert manifest.version == version
    assert manifest.title == "Golf Explained - Run-time Basic Calls"
    assert [sco.launch for sco in manifest.scos] == [launch]
    with zipfile.ZipFile(path) as archive:
        assert len(manifest.files) == len([info for info in archive.infolist() if not info.is_dir()])


@pytest.mark.parametrize("shape", sorted(HOSTILE_PACKAGES))
def test_each_hostile_shape_is_refused_with_a_clear_reason(shape):
    build, words = HOSTILE_PACKAGES[shape]
    assert words in refused(build())


def test_a_package_over_the_total_limit_is_refused_before_anything_is_unpacked(settings):
    settings.SCORM_MAX_UNPACKED_BYTES = 100_000
    reason = refused(package_12(**{f"page{n}.html": "<p>x</p>" * 2000 for n in range(10)}))
    assert "would unpack to more than" in reason


def test_a_file_over_the_per_file_limit_is_refused(settings):
    settings.SCORM_MAX_ENTRY_BYTES = 10_000
    assert "the limit for one file is" in refused(package_12(**{"video.mp4": "x" * 20_000}))


def test_extraction_stops_at_the_package_limit_even_when_the_sizes_lie():
    # Declared sizes are small, so the checks pass; the running total and the
    # per-entry budget stop the stream at the first byte over.
    data = with_lying_size(real_bytes=2 * 1024**2, declared=100)
    read = 0

    def save(name, stream):
        nonlocal read
        for chunk in stream.chunks():
            read += len(chunk)

    with pytest.raises(PackageError):
        package_extract_to(io.BytesIO(data), save, PackageLimits(unpacked_bytes=10**9, entry_bytes=10**9))
    assert read <= 100 + 64 * 1024  # at most the declared size and one chunk


def test_the_running_total_refuses_past_its_limit():
    total = _RunningTotal(limit=10)
    total.add(10)
    with pytest.raises(PackageError, match="unpacks to more than"):
        total.add(1)
