"""The site is built on the design system (GOV.UK Frontend, in i-HOP's branding), and our own
stylesheet holds only i-HOP's branding and the components the design system lacks
(docs/design.md)."""

import re
import subprocess

import pytest

from tests.services import PROJECT_DIR

SCSS = PROJECT_DIR / "static" / "scss"
BUILT_CSS = PROJECT_DIR / "static_build" / "css" / "site.css"
# Elements the design system styles through its own classes: a rule of ours on the bare element
# would be hand-written CSS for something it provides.
ELEMENTS = (
    "a|abbr|body|button|caption|dd|details|dl|dt|fieldset|footer|form|h[1-6]|header|hr|html|input|"
    "label|legend|li|main|nav|ol|p|select|summary|table|tbody|td|textarea|th|thead|tr|ul"
)
STARTS_WITH_ELEMENT = re.compile(rf"^({ELEMENTS})(?![\w-])")
TEMPLATE_DIRS = [
    path
    for path in PROJECT_DIR.glob("**/templates")
    if ".venv" not in path.parts and "node_modules" not in path.parts and "tests" not in path.parts
]


def top_level_selectors(source: str) -> list[tuple[int, str]]:
    """The selectors of rules at the top of a stylesheet or directly inside a media query, with
    their line numbers. Rules nested in one of ours (`.ihop-prose { h2 { ... } }`) style our own
    component's insides and are not returned."""
    source = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group().count("\n"), source, flags=re.S)
    source = re.sub(r"//[^\n]*", "", source)
    selectors = []
    stack: list[str] = []  # "at" for an @-block, "rule" for a rule
    buffer = ""
    line = 1
    for char in source:
        if char == "\n":
            line += 1
        if char == "{":
            head = buffer.strip()
            kind = "at" if head.startswith("@") else "rule"
            if kind == "rule" and all(parent == "at" for parent in stack) and not head.startswith("%"):
                selectors.append((line, head))
            stack.append(kind)
            buffer = ""
        elif char == "}":
            if stack:
                stack.pop()
            buffer = ""
        elif char == ";":
            buffer = ""
        else:
            buffer += char
    return selectors


def restyles_the_design_system(selector: str) -> bool:
    """A rule on a design-system class, or one whose selector starts at a bare element (so it
    reaches every such element). Elements inside a component of ours (`.a-to-z li`) are that
    component's own insides."""
    parts = [part.strip() for part in selector.split(",")]
    return ".govuk-" in selector or any(STARTS_WITH_ELEMENT.match(part) for part in parts)


def partials() -> list:
    return sorted(path for path in SCSS.glob("_*.scss") if path.name not in {"_settings.scss", "_brand.scss"})


def test_our_partials_never_restyle_an_element_or_a_design_system_class():
    assert partials(), "no partials found in static/scss"
    problems = []
    for path in partials():
        source = path.read_text()
        if path.name == "_print.scss":
            # Paper needs dark ink and no controls: the one place we override, only inside @media print.
            outside = re.sub(r"@media print\s*\{.*\}\s*$", "", source, flags=re.S)
            assert top_level_selectors(outside) == [], "_print.scss has rules outside @media print"
            continue
        for line, selector in top_level_selectors(source):
            if restyles_the_design_system(selector):
                problems.append(f"{path.name}:{line}: {selector}")
    assert problems == [], "hand-written CSS for what the design system provides:\n" + "\n".join(problems)


def test_the_check_finds_what_it_looks_for():
    source = """
    .ihop-prose { h2 { margin: 0; } }
    button { color: red; }
    @media (min-width: 40em) { .govuk-button { margin: 0; } .ours { margin: 0; } }
    .card > p, .ours { margin: 0; }
    .ours, label { margin: 0; }
    """
    selectors = [selector for _, selector in top_level_selectors(source)]
    flagged = [selector for selector in selectors if restyles_the_design_system(selector)]
    assert flagged == ["button", ".govuk-button", ".ours, label"]


def test_the_only_stylesheets_are_the_sites_and_the_pdfs():
    stylesheets = {
        str(path.relative_to(PROJECT_DIR))
        for path in PROJECT_DIR.glob("*/static/**/*.css")
        if path.parts[len(PROJECT_DIR.parts)] not in {"node_modules", ".venv", "staticfiles", "static_build", "media"}
    }
    # The certificate's PDF is laid out by WeasyPrint, not a browser: its own print stylesheet.
    assert stylesheets <= {"certificates/static/certificates/pdf.css"}
    links = []
    for directory in TEMPLATE_DIRS:
        for template in directory.glob("**/*.html"):
            text = template.read_text()
            if "/pdf/" in str(template) or "/email/" in str(template):
                continue
            for match in re.finditer(r'<link rel="stylesheet"[^>]*>', text):
                links.append(f"{template.relative_to(PROJECT_DIR)}: {match.group()}")
    # The 500 page repeats the shell without base.html, whose menu and footer read the database.
    site_css = '<link rel="stylesheet" href="{% static \'css/site.css\' %}">'
    assert sorted(links) == [f"templates/500.html: {site_css}", f"templates/base.html: {site_css}"]


def test_nothing_comes_from_a_cdn_and_nothing_of_govuks_brand_is_ours():
    for directory in TEMPLATE_DIRS:
        for template in directory.glob("**/*.html"):
            text = template.read_text()
            assert not re.search(r'<(script|link)[^>]+(src|href)="(https?:)?//', text), template
            # The crown and GOV.UK's header are the government's brand, not ours.
            assert "govuk-header__logotype" not in text and "govuk-logo" not in text, template


@pytest.fixture(scope="module")
def built_css() -> str:
    # The build `make test` runs first; run again here so the test reads what the sources give now.
    subprocess.run([str(PROJECT_DIR / "scripts" / "build-static.sh")], check=True, cwd=PROJECT_DIR)
    return BUILT_CSS.read_text()


def test_the_built_stylesheet_is_the_design_system_in_our_colours_and_font(built_css):
    for component in [".govuk-button", ".govuk-task-list", ".govuk-error-summary", ".govuk-service-navigation"]:
        assert component in built_css
    assert "GDS Transport" not in built_css and "@font-face" not in built_css
    assert "system-ui" in built_css
    # i-HOP's purple is the brand colour, and GOV.UK's blue is nowhere a link or brand colour.
    assert "#4b2a7b" in built_css.lower()
    assert "--govuk-brand-colour:#4b2a7b" in built_css.replace(" ", "").lower()
