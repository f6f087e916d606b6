"""SCORM zips built in memory for tests, good and hostile."""

import io
import stat
import zipfile

MANIFEST_12 = """<?xml version="1.0"?>
<manifest identifier="test" version="1" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="org"><organization identifier="org"><title>{title}</title>
    <item identifier="i1" identifierref="r1"><title>Only page</title></item>
  </organization></organizations>
  <resources><resource identifier="r1" type="webcontent" adlcp:scormtype="sco" href="{href}">
    <file href="index.html"/></resource></resources>
</manifest>"""

MANIFEST_2004 = """<?xml version="1.0"?>
<manifest identifier="test" version="1" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3">
  <metadata><schema>ADL SCORM</schema><schemaversion>{schemaversion}</schemaversion></metadata>
  <organizations default="second">
    <organization identifier="first"><title>Not the default</title>
      <item identifier="x" identifierref="r1"><title>Wrong</title></item></organization>
    <organization identifier="second"><title>Arrest and court</title>
      <item identifier="part1"><title>Part one</title>
        <item identifier="a" identifierref="r1" parameters="?page=2"><title>Arrest</title></item>
        <item identifier="b" identifierref="r2"><title>Court</title></item>
      </item>
      <item identifier="c" identifierref="r3"><title>Prison</title></item>
    </organization>
  </organizations>
  <resources xml:base="content/">
    <resource identifier="r1" type="webcontent" adlcp:scormType="sco" href="arrest.html"/>
    <resource identifier="r2" type="webcontent" adlcp:scormType="sco" xml:base="court/" href="index.html?lang=en"/>
    <resource identifier="r3" type="webcontent" adlcp:scormType="sco" href="prison.html"/>
  </resources>
</manifest>"""


def make_zip(entries: dict[str, bytes | str], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, content in entries.items():
            archive.writestr(zipfile.ZipInfo(name), content, compress_type=compression)
    return buffer.getvalue()


def package_12(*, title: str = "Supporting children at court", href: str = "index.html", **extra: bytes | str) -> bytes:
    return make_zip(
        {"imsmanifest.xml": MANIFEST_12.format(title=title, href=href), "index.html": "<h1>Hello</h1>", **extra}
    )


def package_2004(schemaversion: str = "2004 4th Edition") -> bytes:
    return make_zip(
        {
            "imsmanifest.xml": MANIFEST_2004.format(schemaversion=schemaversion),
            "content/arrest.html": "arrest",
            "content/court/index.html": "court",
            "content/prison.html": "prison",
        }
    )


def with_symlink() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("imsmanifest.xml", MANIFEST_12.format(title="t", href="index.html"))
        archive.writestr("index.html", "x")
        link = zipfile.ZipInfo("passwd")
        link.create_system = 3
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, "/etc/passwd")
    return buffer.getvalue()


def with_lying_size(real_bytes: int = 5 * 1024**2, declared: int = 100) -> bytes:
    """A zip whose index.html claims `declared` bytes but inflates to `real_bytes`."""
    data = bytearray(package_12(**{"big.html": b"\0" * real_bytes}))
    entry = b"big.html"
    # Patch the size in the local header (offset 22 from its signature) and the
    # central directory record (offset 24), found by the name that follows them.
    position = 0
    while (position := data.find(entry, position + 1)) != -1:
        local = data.rfind(b"PK\x03\x04", 0, position)
        central = data.rfind(b"PK\x01\x02", 0, position)
        if central != -1 and central + 46 == position:
            data[central + 24 : central + 28] = declared.to_bytes(4, "little")
        elif local != -1 and local + 30 == position:
            data[local + 22 : local + 26] = declared.to_bytes(4, "little")
    return bytes(data)


# --- packages written by the browser tests: small HTML SCOs and their manifests ---

NS_12 = 'xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"'
NS_2004 = (
    'xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3" '
    'xmlns:imsss="http://www.imsglobal.org/xsd/imsss"'
)


def manifest(version: str, items: list[dict[str, str]], *, title: str = "Runtime test") -> str:
    """A manifest of one organization whose items launch `<identifier>.html`. Each item may
    say `kind` ("sco" or "asset"), `title`, `item_xml` (extra elements inside the item:
    a mastery score, sequencing) and `parent` (the title of a parent item it sits under)."""
    is_12 = version == "1.2"
    type_attribute = "adlcp:scormtype" if is_12 else "adlcp:scormType"
    entries: list[str] = []
    parents: dict[str, list[str]] = {}
    for item in items:
        xml = (
            f'<item identifier="{item["identifier"]}" identifierref="r-{item["identifier"]}">'
            f"<title>{item.get('title', item['identifier'])}</title>{item.get('item_xml', '')}</item>"
        )
        if item.get("parent"):
            parents.setdefault(item["parent"], []).append(xml)
            if len(parents[item["parent"]]) == 1:
                entries.append(f"@parent:{item['parent']}")
        else:
            entries.append(xml)
    body = "".join(
        f'<item identifier="p{index}"><title>{entry[8:]}</title>{"".join(parents[entry[8:]])}</item>'
        if entry.startswith("@parent:")
        else entry
        for index, entry in enumerate(entries)
    )
    resources = "".join(
        f'<resource identifier="r-{item["identifier"]}" type="webcontent" {type_attribute}="{item.get("kind", "sco")}" '
        f'href="{item["identifier"]}.html"><file href="{item["identifier"]}.html"/></resource>'
        for item in items
    )
    schemaversion = "1.2" if is_12 else version
    return (
        f'<?xml version="1.0"?><manifest identifier="m" version="1" {NS_12 if is_12 else NS_2004}>'
        f"<metadata><schema>ADL SCORM</schema><schemaversion>{schemaversion}</schemaversion></metadata>"
        f'<organizations default="o"><organization identifier="o"><title>{title}</title>{body}</organization>'
        f"</organizations><resources>{resources}</resources></manifest>"
    )


SCO_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>@TITLE@</title>@HEAD@</head>
<body><h1>@TITLE@</h1><script>
  var win = window;
  while (!win.@API@ && win.parent !== win) { win = win.parent; }
  var api = win.@API@;
  // What the SCO saw, for the test to read.
  function report(value) { document.body.setAttribute("data-report", JSON.stringify(value)); }
  @SCRIPT@
</script></body></html>"""


def sco_page(version: str, script: str, *, title: str = "Part", head: str = "") -> str:
    """A SCO that finds its API the standard way (walking up its frames) and runs `script`."""
    api = "API" if version == "1.2" else "API_1484_11"
    return SCO_PAGE.replace("@TITLE@", title).replace("@HEAD@", head).replace("@API@", api).replace("@SCRIPT@", script)


def _patched_headers(data: bytes, name: str, *, local_offset: int, central_offset: int, value: int) -> bytes:
    """The zip with a two-byte field of `name`'s local header and central directory record rewritten."""
    patched = bytearray(data)
    entry = name.encode()
    position = 0
    while (position := patched.find(entry, position + 1)) != -1:
        local = patched.rfind(b"PK\x03\x04", 0, position)
        central = patched.rfind(b"PK\x01\x02", 0, position)
        if central != -1 and central + 46 == position:
            patched[central + central_offset : central + central_offset + 2] = value.to_bytes(2, "little")
        elif local != -1 and local + 30 == position:
            patched[local + local_offset : local + local_offset + 2] = value.to_bytes(2, "little")
    return bytes(patched)


def _small_stored_package() -> bytes:
    files = {"imsmanifest.xml": MANIFEST_12.format(title="t", href="index.html"), "index.html": "x"}
    return make_zip(files, compression=zipfile.ZIP_STORED)


def with_encrypted_entry() -> bytes:
    """index.html flagged as encrypted (general purpose bit 0), as a password-protected export is."""
    return _patched_headers(_small_stored_package(), "index.html", local_offset=6, central_offset=8, value=0x1)


def with_unknown_compression(method: int = 99) -> bytes:
    return _patched_headers(_small_stored_package(), "index.html", local_offset=8, central_offset=10, value=method)


def with_file_and_folder_clash() -> bytes:
    return package_12(**{"media": "a file", "media/intro.mp4": "a file in a folder of the same name"})


def with_long_name(length: int = 300) -> bytes:
    return package_12(**{"x" * length + ".html": "x"})


def with_deep_items(depth: int = 3000) -> bytes:
    items = "".join(f'<item identifier="i{n}">' for n in range(depth)) + "</item>" * depth
    manifest = MANIFEST_12.format(title="t", href="index.html").replace(
        '<item identifier="i1" identifierref="r1"><title>Only page</title></item>', items
    )
    return make_zip({"imsmanifest.xml": manifest, "index.html": "x"})


def bomb_within_the_entry_limit(entries: int = 40, size: int = 1024**2) -> bytes:
    """Many files of exactly `size` zeros: each under the per-file ratio check, together a bomb."""
    return package_12(**{f"media/{n}.bin": b"\0" * size for n in range(entries)})


# Every hostile shape a test refuses, with the words its refusal must say.
HOSTILE_PACKAGES = {
    "bomb within the per-entry limit": (bomb_within_the_entry_limit, "zip bomb"),
    "encrypted entry": (with_encrypted_entry, "encrypted"),
    "unknown compression": (with_unknown_compression, "compression method"),
    "file and folder clash": (with_file_and_folder_clash, "folder of the same name"),
    "300-character name": (with_long_name, "longer than"),
    "3,000 nested items": (with_deep_items, "nests"),
    "path traversal": (lambda: package_12(**{"../../evil.html": "x"}), "outside the package"),
    "symbolic link": (with_symlink, "symbolic link"),
}
