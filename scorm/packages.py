"""Reading a SCORM package: pure functions over a zip file, no database.

A package is untrusted input from an authoring tool (or from anyone with a
trainer's login), so it is checked before a single byte is extracted:

- the zip's directory is read without decompressing anything: every entry
  name must be a plain relative path (no `..`, no absolute path, no drive,
  no backslash) of bounded length, no entry may be a symbolic link, be
  encrypted, use a compression method other than stored or deflate, or be a
  file where another entry needs a folder; the number of entries, the
  declared size of each and of all, and the compression ratio of each and
  of the whole are bounded (`PackageLimits`, from settings);
- `imsmanifest.xml` at the root is read with a byte budget and parsed with
  defusedxml, which refuses a DTD, entities and external references (so no
  billion laughs and no fetches to other hosts);
- the SCORM version comes from the manifest's namespaces and schemaversion;
- the default organization's item tree is read (its nesting bounded), and
  every launch address must be a file inside the package.

Extraction (`package_extract_to`) streams each entry with a byte budget of its
own and a running total for the package, because a zip can lie about its
sizes, and stops at the first byte over either. Whatever the zip holds, the
only exception these functions raise is PackageError (tests/scorm/test_fuzz.py).
"""

import posixpath
import stat
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO, Any
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree
from xml.etree.ElementTree import Element

import defusedxml.ElementTree
from defusedxml import DefusedXmlException
from django.conf import settings

from scorm.sequencing import SequencingError, sequencing_read

MANIFEST_NAME = "imsmanifest.xml"

# Limits that are not settings. Real packages from Articulate, Captivate and
# iSpring stay far inside them.
MAX_ENTRIES = 10_000
MAX_MANIFEST_BYTES = 4 * 1024**2
# Media and scripts compress by at most ~10x; text by ~20x. A file that
# claims to shrink by more than this is a bomb, not content.
MAX_COMPRESSION_RATIO = 200
RATIO_CHECK_ABOVE_BYTES = 1024**2  # tiny files can have any ratio harmlessly
# A whole package of HTML, scripts and media shrinks far less than one file of
# zeros; many small files of zeros each under the check above do not escape this one.
MAX_PACKAGE_COMPRESSION_RATIO = 50
PACKAGE_RATIO_CHECK_ABOVE_BYTES = 16 * 1024**2
MAX_PATH_CHARACTERS = 240  # the folder prefix and the 255-byte file-name limit of most file systems leave this
MAX_ITEM_DEPTH = 20  # a course's table of contents is a few levels deep
MAX_XML_DEPTH = 100
COPY_CHUNK = 64 * 1024
# Methods every SCORM tool writes; others (and the ones zipfile cannot read) are refused up front.
SUPPORTED_COMPRESSION = {zipfile.ZIP_STORED: "stored", zipfile.ZIP_DEFLATED: "deflate"}
# What the zip and zlib modules raise on damaged or hostile input; all become PackageError.
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
    RuntimeError,
    NotImplementedError,
)


@dataclass(frozen=True)
class PackageLimits:
    """How large a package may be; the defaults come from settings (SCORM_MAX_*)."""

    unpacked_bytes: int
    entry_bytes: int
    entries: int = MAX_ENTRIES

    @classmethod
    def from_settings(cls) -> "PackageLimits":
        return cls(
            unpacked_bytes=settings.SCORM_MAX_UNPACKED_BYTES,
            entry_bytes=settings.SCORM_MAX_ENTRY_BYTES,
            entries=settings.SCORM_MAX_ENTRIES,
        )


def _megabytes(size: int) -> str:
    return f"{size / 1024**2:,.0f} MB" if size >= 1024**2 else f"{size:,} bytes"


SCORM_12 = "1.2"
SCORM_2004_2ND = "2004 2nd Edition"
SCORM_2004_3RD = "2004 3rd Edition"
SCORM_2004_4TH = "2004 4th Edition"

NS_CP_12 = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
NS_CP_2004 = "http://www.imsglobal.org/xsd/imscp_v1p1"
NS_ADLCP_12 = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
NS_ADLCP_2004 = "http://www.adlnet.org/xsd/adlcp_v1p3"
NS_XML = "http://www.w3.org/XML/1998/namespace"


class PackageError(Exception):
    """The package is refused; the message tells a trainer what to fix."""


@dataclass(frozen=True)
class Sco:
    """One launchable item of the package's organization, with what the manifest
    tells the runtime about it (empty when the manifest says nothing)."""

    identifier: str
    title: str
    launch: str  # path inside the package, with the item's parameters appended
    depth: int
    kind: str = "sco"  # "sco" talks to the API; an "asset" never does, and is completed on launch
    mastery_score: str = ""  # SCORM 1.2 adlcp:masteryscore (0-100)
    launch_data: str = ""  # adlcp:datafromlms / adlcp:dataFromLMS
    completion_threshold: str = ""  # SCORM 2004 adlcp:completionThreshold (0-1)
    scaled_passing_score: str = ""  # SCORM 2004 primary objective's minNormalizedMeasure when satisfiedByMeasure
    objectives: tuple[str, ...] = ()  # SCORM 2004 objective ids, primary first


@dataclass(frozen=True)
class OutlineItem:
    """One item of the organization's tree as the contents list shows it: a
    launchable leaf, or a parent shown as a heading."""

    identifier: str
    title: str
    depth: int
    launchable: bool


@dataclass(frozen=True)
class Manifest:
    title: str
    version: str
    scos: list[Sco] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    unpacked_bytes: int = 0
    outline: list[OutlineItem] = field(default_factory=list)
    # SCORM 2004: scorm-again's sequencing settings (the activity tree), see scorm/sequencing.py.
    sequencing: dict[str, Any] = field(default_factory=dict)

    @property
    def is_scorm_12(self) -> bool:
        return self.version == SCORM_12


# --- the zip's directory -------------------------------------------------------


def _entry_name_problem(name: str) -> str | None:
    if len(name) > MAX_PATH_CHARACTERS:
        return f"has a path longer than {MAX_PATH_CHARACTERS} characters"
    if "\\" in name:
        return "uses a backslash in its path"
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return "has an absolute path"
    if "\x00" in name:
        return "has a NUL character in its name"
    if any(part == ".." for part in name.split("/")):
        return "points outside the package (..)"
    if any(part in ("", ".") for part in name.rstrip("/").split("/")):
        return "has an empty or “.” part in its path"
    return None


def _is_symlink(info: zipfile.ZipInfo) -> bool:
    return info.create_system == 3 and stat.S_ISLNK(info.external_attr >> 16)


def _checked_entries(archive: zipfile.ZipFile, limits: PackageLimits) -> list[zipfile.ZipInfo]:
    entries = archive.infolist()
    if len(entries) > limits.entries:
        raise PackageError(f"The package has {len(entries):,} files; the limit is {limits.entries:,}.")
    total = compressed = 0
    seen: set[str] = set()
    folders: set[str] = set()
    for info in entries:
        name = info.filename
        if problem := _entry_name_problem(name):
            raise PackageError(f"The file “{name[:80]}” in the package {problem}.")
        if _is_symlink(info):
            raise PackageError(f"The package contains a symbolic link (“{name}”), which is not allowed.")
        if info.flag_bits & 0x1:
            raise PackageError(f"“{name}” is encrypted. Export the package without a password.")
        if info.compress_type not in SUPPORTED_COMPRESSION:
            raise PackageError(
                f"“{name}” uses a compression method we do not read (number {info.compress_type}). "
                "Export the package with standard (deflate) compression."
            )
        path = name.rstrip("/")
        if path in seen:
            raise PackageError(f"The package contains “{path}” twice.")
        seen.add(path)
        parts = path.split("/")
        folders.update("/".join(parts[:depth]) for depth in range(1, len(parts)))
        if info.is_dir():
            folders.add(path)
        if info.file_size > limits.entry_bytes:
            raise PackageError(
                f"“{name}” would unpack to {_megabytes(info.file_size)}; "
                f"the limit for one file is {_megabytes(limits.entry_bytes)}."
            )
        total += info.file_size
        compressed += info.compress_size
        if total > limits.unpacked_bytes:
            raise PackageError(f"The package would unpack to more than {_megabytes(limits.unpacked_bytes)}.")
        if info.file_size > RATIO_CHECK_ABOVE_BYTES and info.file_size > MAX_COMPRESSION_RATIO * max(
            info.compress_size, 1
        ):
            raise PackageError(
                f"“{name}” claims to unpack to {_megabytes(info.file_size)} from "
                f"{info.compress_size:,} bytes: the package looks like a zip bomb."
            )
    if total > PACKAGE_RATIO_CHECK_ABOVE_BYTES and total > MAX_PACKAGE_COMPRESSION_RATIO * max(compressed, 1):
        raise PackageError(
            f"The package claims to unpack to {_megabytes(total)} from {_megabytes(compressed)}: "
            "it looks like a zip bomb."
        )
    clash = next((info.filename for info in entries if not info.is_dir() and info.filename in folders), None)
    if clash is not None:
        raise PackageError(f"The package has a file “{clash}” and also a folder of the same name.")
    return entries


def _read_bounded(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    if info.file_size > limit:
        raise PackageError(f"“{info.filename}” is larger than {limit // 1024**2} MB.")
    chunks, size = [], 0
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(COPY_CHUNK):
                size += len(chunk)
                if size > min(limit, info.file_size):
                    raise PackageError(f"“{info.filename}” is larger than it says.")
                chunks.append(chunk)
    except _ZIP_ERRORS as error:
        raise PackageError(f"The package is damaged: {error}.") from None
    return b"".join(chunks)


# --- the manifest --------------------------------------------------------------


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _namespace(tag: str) -> str:
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def _child(element: Element, name: str) -> Element | None:
    return next((child for child in element if _local(child.tag) == name), None)


def _children(element: Element, name: str) -> list[Element]:
    return [child for child in element if _local(child.tag) == name]


def _text(element: Element | None) -> str:
    return " ".join((element.text or "").split()) if element is not None else ""


def _version(root: Element) -> str:
    namespace = _namespace(root.tag)
    metadata = _child(root, "metadata")
    schemaversion = _text(_child(metadata, "schemaversion")) if metadata is not None else ""
    if namespace == NS_CP_12 or schemaversion == "1.2":
        return SCORM_12
    if namespace == NS_CP_2004:
        if schemaversion in ("CAM 1.3", "2004 2nd Edition"):
            return SCORM_2004_2ND
        if schemaversion == "2004 3rd Edition":
            return SCORM_2004_3RD
        if schemaversion == "2004 4th Edition":
            return SCORM_2004_4TH
        if not schemaversion:
            # Some tools leave schemaversion out; the adlcp namespace still says 2004.
            return SCORM_2004_3RD
    raise PackageError(
        "The manifest is not SCORM 1.2 or SCORM 2004 (namespace "
        f"“{namespace or 'none'}”, schemaversion “{schemaversion or 'none'}”)."
    )


def _base(element: Element) -> str:
    return element.get(f"{{{NS_XML}}}base", "")


def _launch_path(href: str, bases: list[str], files: set[str]) -> str:
    """The package path `href` launches, or PackageError if it is not a file in the package."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        raise PackageError(f"The launch address “{href}” is not a file inside the package.")
    joined = "".join(bases) + unquote(parts.path)
    if joined.startswith("/") or "\\" in joined:
        raise PackageError(f"The launch address “{href}” is not a file inside the package.")
    normal = posixpath.normpath(joined)
    if normal.startswith("../") or normal == "..":
        raise PackageError(f"The launch address “{href}” points outside the package.")
    if normal not in files:
        raise PackageError(f"The launch file “{normal}” is missing from the package.")
    return normal


def _with_parameters(path: str, href: str, parameters: str) -> str:
    """The launch address with the resource's query and the item's parameters
    (SCORM CAM: a leading ? or & of the parameters is dropped as needed)."""
    query = urlsplit(href).query
    extra = parameters.lstrip("?&") if parameters else ""
    fragment = ""
    if extra.startswith("#"):
        fragment, extra = extra, ""
    combined = "&".join(part for part in (query, extra) if part)
    return path + (f"?{combined}" if combined else "") + fragment


def _parse_manifest(data: bytes) -> Element:
    try:
        root: Element = defusedxml.ElementTree.fromstring(data, forbid_dtd=True)
    except DefusedXmlException:
        raise PackageError(
            "The manifest declares a DTD or entities, which packages do not need and we do not accept."
        ) from None
    except ElementTree.ParseError as error:  # says the line and column
        raise PackageError(f"The manifest is not well-formed XML: {error}.") from None
    except (ValueError, UnicodeError, RecursionError):
        raise PackageError("The manifest is not well-formed XML.") from None
    if _local(root.tag) != "manifest":
        raise PackageError("imsmanifest.xml does not contain a <manifest>.")
    # Walked without recursion, so no nesting can exhaust the stack.
    stack = [(root, 1)]
    while stack:
        element, depth = stack.pop()
        if depth > MAX_XML_DEPTH:
            raise PackageError(f"The manifest nests its elements more than {MAX_XML_DEPTH} deep.")
        stack.extend((child, depth + 1) for child in element)
    return root


def _attribute(element: Element, name: str) -> str:
    """An attribute by its local name, whatever its namespace and case (tools write
    adlcp:scormtype, adlcp:scormType and plain scormtype)."""
    wanted = name.lower()
    return next((value for key, value in element.attrib.items() if _local(key).lower() == wanted), "")


def _number_text(text: str, *, low: float, high: float) -> str:
    """A number from the manifest as text, or "" when it is not one in [low, high]."""
    try:
        number = float(text)
    except ValueError:
        return ""
    return text.strip() if low <= number <= high else ""


def _sequencing_objectives(item: Element) -> tuple[str, tuple[str, ...]]:
    """A 2004 item's scaled passing score and objective ids from <imsss:sequencing>."""
    sequencing = _child(item, "sequencing")
    objectives = _child(sequencing, "objectives") if sequencing is not None else None
    if objectives is None:
        return "", ()
    passing = ""
    identifiers: list[str] = []
    for objective in objectives:
        kind = _local(objective.tag)
        if kind not in {"primaryObjective", "objective"}:
            continue
        identifier = objective.get("objectiveID", "").strip()
        if identifier and identifier not in identifiers:
            identifiers.append(identifier)
        if kind == "primaryObjective" and objective.get("satisfiedByMeasure", "false").strip().lower() == "true":
            passing = _number_text(_text(_child(objective, "minNormalizedMeasure")) or "1.0", low=-1, high=1)
    return passing, tuple(identifiers)


def _launch_data(item: Element) -> str:
    element = next((child for child in item if _local(child.tag).lower() == "datafromlms"), None)
    return (element.text or "").strip()[:4096] if element is not None else ""


def _completion_threshold(item: Element) -> str:
    element = _child(item, "completionThreshold")
    if element is None:
        return ""
    if element.get("completedByMeasure") is not None or element.get("minProgressMeasure") is not None:
        # 4th Edition: attributes; the threshold applies only when completedByMeasure is true.
        if element.get("completedByMeasure", "false").strip().lower() != "true":
            return ""
        return _number_text(element.get("minProgressMeasure", "1.0"), low=0, high=1)
    return _number_text(_text(element), low=0, high=1)  # 3rd Edition: the element's text


def manifest_read(data: bytes, files: set[str]) -> tuple[str, str, list[Sco], list[OutlineItem]]:
    """Title, version, launchable items and the whole item tree of a manifest; `files` are the package's paths."""
    title, version, scos, outline, _ = manifest_read_with_sequencing(data, files)
    return title, version, scos, outline


def manifest_read_with_sequencing(
    data: bytes, files: set[str]
) -> tuple[str, str, list[Sco], list[OutlineItem], dict[str, Any]]:
    """What `manifest_read` gives, and the SCORM 2004 sequencing of the default
    organization as scorm-again's settings (empty for SCORM 1.2); refuses
    malformed sequencing with a message naming the item."""
    root = _parse_manifest(data)
    version = _version(root)
    organizations = _child(root, "organizations")
    resources_element = _child(root, "resources")
    if organizations is None or resources_element is None:
        raise PackageError("The manifest has no organizations or no resources.")
    all_organizations = _children(organizations, "organization")
    if not all_organizations:
        raise PackageError("The manifest has no organization to play.")
    default_id = organizations.get("default")
    organization = next((org for org in all_organizations if org.get("identifier") == default_id), all_organizations[0])
    resources = {resource.get("identifier"): resource for resource in _children(resources_element, "resource")}
    manifest_base = _base(root)
    resources_base = _base(resources_element)

    scos: list[Sco] = []
    outline: list[OutlineItem] = []

    def visit(item: Element, depth: int) -> None:
        if depth >= MAX_ITEM_DEPTH:
            raise PackageError(f"The manifest nests its items more than {MAX_ITEM_DEPTH} deep.")
        reference = item.get("identifierref")
        title = _text(_child(item, "title")) or item.get("identifier", "Untitled")
        outline.append(
            OutlineItem(
                identifier=item.get("identifier", reference or ""), title=title, depth=depth, launchable=bool(reference)
            )
        )
        if reference:
            resource = resources.get(reference)
            if resource is None:
                raise PackageError(
                    f"The item “{title}” refers to a resource “{reference}” that is not in the manifest."
                )
            href = resource.get("href")
            if not href:
                raise PackageError(f"The resource “{reference}” has no launch address.")
            path = _launch_path(href, [manifest_base, resources_base, _base(resource)], files)
            launch = _with_parameters(path, href, item.get("parameters", ""))
            passing, objectives = _sequencing_objectives(item)
            scos.append(
                Sco(
                    identifier=item.get("identifier", reference),
                    title=title,
                    launch=launch,
                    depth=depth,
                    kind="asset" if _attribute(resource, "scormtype").strip().lower() == "asset" else "sco",
                    mastery_score=_number_text(_text(_child(item, "masteryscore")), low=0, high=100),
                    launch_data=_launch_data(item),
                    completion_threshold=_completion_threshold(item),
                    scaled_passing_score=passing,
                    objectives=objectives,
                )
            )
        for child in _children(item, "item"):
            visit(child, depth + 1)

    for item in _children(organization, "item"):
        visit(item, 0)
    if not scos:
        raise PackageError("The default organization has nothing to launch.")
    title = _text(_child(organization, "title")) or scos[0].title
    sequencing: dict[str, Any] = {}
    if version != SCORM_12:
        try:
            sequencing = sequencing_read(
                root, organization, lambda item: _text(_child(item, "title")) or item.get("identifier", "Untitled")
            )
        except SequencingError as error:
            raise PackageError(str(error)) from None
    return title, version, scos, outline, sequencing


# --- the whole package ---------------------------------------------------------


def _open_zip(source: IO[bytes]) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(source)
    except _ZIP_ERRORS:
        raise PackageError("This file is not a zip archive. Export the course from your tool as a SCORM zip.") from None


def package_inspect(source: IO[bytes], limits: PackageLimits | None = None) -> Manifest:
    """Check a package without extracting it; raise PackageError with a reason a trainer can act on."""
    with _open_zip(source) as archive:
        entries = _checked_entries(archive, limits or PackageLimits.from_settings())
        by_name = {info.filename: info for info in entries}
        manifest_info = by_name.get(MANIFEST_NAME)
        if manifest_info is None:
            raise PackageError(
                "There is no imsmanifest.xml at the top of the zip. Zip the package's contents, not its folder."
            )
        data = _read_bounded(archive, manifest_info, MAX_MANIFEST_BYTES)
        files = {info.filename for info in entries if not info.is_dir()}
        title, version, scos, outline, sequencing = manifest_read_with_sequencing(data, files)
        return Manifest(
            title=title,
            version=version,
            scos=scos,
            outline=outline,
            sequencing=sequencing,
            files=sorted(files),
            unpacked_bytes=sum(info.file_size for info in entries),
        )


def package_extract_to(
    source: IO[bytes], save: Callable[[str, IO[bytes]], Any], limits: PackageLimits | None = None
) -> int:
    """Extract every file through `save(relative_path, stream)`; returns the bytes written.

    The entries are checked again (the file may have changed since it was
    inspected), and each stream is cut off, and the package refused, as soon
    as an entry yields more bytes than it declared or the package more than
    its limit: `save` sees PackageError raised from the stream's read.
    """
    limits = limits or PackageLimits.from_settings()
    total = _RunningTotal(limit=limits.unpacked_bytes)
    with _open_zip(source) as archive:
        for info in _checked_entries(archive, limits):
            if info.is_dir():
                continue
            try:
                with archive.open(info) as stream:
                    save(info.filename, _BoundedReader(stream, info, total))  # type: ignore[arg-type]
            except _ZIP_ERRORS as error:
                raise PackageError(f"The package is damaged: {error}.") from None
    return total.count


@dataclass
class _RunningTotal:
    limit: int
    count: int = 0

    def add(self, size: int) -> None:
        self.count += size
        if self.count > self.limit:
            raise PackageError(f"The package unpacks to more than {_megabytes(self.limit)}.")


class _BoundedReader:
    """A read-only stream that refuses to yield more than the entry declared,
    or more than the package's running total allows."""

    def __init__(self, stream: IO[bytes], info: zipfile.ZipInfo, total: _RunningTotal) -> None:
        self.stream, self.info, self.total, self.count = stream, info, total, 0

    def read(self, size: int = -1) -> bytes:
        chunk = self.stream.read(COPY_CHUNK if size is None or size < 0 else min(size, COPY_CHUNK))
        self.count += len(chunk)
        if self.count > self.info.file_size:
            raise PackageError(f"“{self.info.filename}” unpacks to more than its declared size.")
        self.total.add(len(chunk))
        return chunk

    def chunks(self, chunk_size: int = COPY_CHUNK) -> Any:
        while chunk := self.read(chunk_size):
            yield chunk

    def __iter__(self) -> Any:
        return self.chunks()
