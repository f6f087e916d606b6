"""The demo app sits above every app: it imports them, none imports it."""

import ast
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
PRODUCT_PACKAGES = [
    "elearning",
    "accounts",
    "cms",
    "courses",
    "quizzes",
    "scorm",
    "workshops",
    "certificates",
    "quality",
]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_no_product_app_imports_the_demo_app():
    offenders = [
        str(path.relative_to(ROOT))
        for package in PRODUCT_PACKAGES
        for path in (ROOT / package).rglob("*.py")
        if any(name == "demo" or name.startswith("demo.") for name in imported_modules(path))
    ]
    assert offenders == []


def test_no_product_app_keeps_demo_content():
    leftovers = [
        str(path.relative_to(ROOT))
        for package in PRODUCT_PACKAGES
        for path in (ROOT / package).rglob("*.py")
        if "demo" in path.stem
    ]
    assert leftovers == []
