"""The import rules of docs/architecture.md, read from the source with `ast` so they cannot creep back:

- quizzes, scorm and certificates import courses only at the top of a module (its public API);
- courses imports none of the apps built on it;
- elearning (the project's infrastructure) imports none of our apps at run time (a type named
  under `if TYPE_CHECKING:` for mypy, as elearning.web names the member's, is allowed);
- cpd sits above courses, workshops and certificates, reaches courses through courses.api (and
  the model-free registry courses.completion from its AppConfig), and
  no app imports it;
- quality sits above courses and cms: it imports only accounts, cms, courses and elearning of
  ours, and no app but demo and reports (and the tests) imports it;
- reports sits at the top beside demo: it reads every app, and no app imports it;
- enews sits above accounts, cms, workshops and outbox, and no app but demo (and reports) imports it;
  nothing it builds on imports it back.
"""

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
OUR_APPS = {
    "accounts",
    "cms",
    "courses",
    "quizzes",
    "scorm",
    "workshops",
    "certificates",
    "quality",
    "reports",
    "cpd",
    "bench",
    "tests",
}
# Apps that this file's rules do not list above but that quality must not reach or be reached by.
OTHER_PRODUCT_APPS = {"audit", "support", "demo", "enews"}
BUILT_ON_COURSES = {"quizzes", "scorm", "workshops", "certificates"}


def _modules(package: str) -> Iterator[Path]:
    yield from sorted((ROOT / package).rglob("*.py"))


def _imported(node: ast.Import | ast.ImportFrom) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    return [node.module or ""] if node.level == 0 else []


def _type_checking_only(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and ast.unparse(node.test) in {"TYPE_CHECKING", "typing.TYPE_CHECKING"}


def _imports(path: Path, *, run_time_only: bool = False) -> Iterator[tuple[int, str, bool]]:
    """(line, imported module, inside a function) for each import in a file; with run_time_only,
    leaving out those under `if TYPE_CHECKING:` (a type named for mypy is no dependency at run time)."""
    tree = ast.parse(path.read_text(), filename=str(path))
    in_function: set[int] = set()
    for_types: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            in_function.update(id(child) for child in ast.walk(node) if child is not node)
        if _type_checking_only(node):
            for_types.update(id(child) for child in ast.walk(node))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom) and not (run_time_only and id(node) in for_types):
            for name in _imported(node):
                yield node.lineno, name, id(node) in in_function


def _top(name: str) -> str:
    return name.split(".", 1)[0]


def function_level_imports(packages: set[str], *, of: set[str] | None = None) -> list[str]:
    """Imports written inside functions in these packages (of these apps only, when given)."""
    found = []
    for package in sorted(packages):
        for path in _modules(package):
            for line, name, inside in _imports(path):
                if inside and (of is None or _top(name) in of):
                    found.append(f"{path.relative_to(ROOT)}:{line} imports {name}")
    return found


@pytest.mark.parametrize("app", ["quizzes", "scorm", "certificates", "cpd"])
def test_activity_apps_import_courses_only_at_the_top_of_a_module(app):
    assert function_level_imports({app}, of={"courses"}) == []


def test_cpd_reaches_courses_through_its_api_and_nothing_builds_on_cpd():
    """cpd sits above courses, workshops and certificates (it reads their records); no app imports it
    (certificates' email reaches it through a registry)."""
    into_courses = [
        f"{path.relative_to(ROOT)}:{line} imports {name}"
        for path in _modules("cpd")
        for line, name, _ in _imports(path)
        # courses.completion: the registry of links on the course page, free of models, for AppConfig modules
        if _top(name) == "courses" and name not in {"courses.api", "courses.completion"}
    ]
    importing_cpd = [
        f"{path.relative_to(ROOT)}:{line} imports {name}"
        for package in sorted((OUR_APPS | OTHER_PRODUCT_APPS | {"elearning"}) - {"cpd", "tests", "demo"})
        for path in _modules(package)
        for line, name, _ in _imports(path)
        if _top(name) == "cpd"
    ]
    assert into_courses == [] and importing_cpd == []


def test_courses_imports_none_of_the_apps_built_on_it():
    found = [
        f"{path.relative_to(ROOT)}:{line} imports {name}"
        for path in _modules("courses")
        for line, name, _ in _imports(path)
        if _top(name) in BUILT_ON_COURSES
    ]
    assert found == []


def test_elearning_imports_none_of_our_apps():
    found = [
        f"{path.relative_to(ROOT)}:{line} imports {name}"
        for path in _modules("elearning")
        for line, name, _ in _imports(path, run_time_only=True)
        if _top(name) in OUR_APPS
    ]
    assert found == []


def test_quality_builds_on_courses_and_cms_and_nothing_builds_on_it():
    allowed = {"accounts", "cms", "courses", "elearning", "quality"}
    reaching_up = [
        f"{path.relative_to(ROOT)}:{line} imports {name}"
        for path in _modules("quality")
        for line, name, _ in _imports(path)
        if _top(name) in OUR_APPS | OTHER_PRODUCT_APPS | {"elearning"} and _top(name) not in allowed
    ]
    importing_quality = [
        f"{path.relative_to(ROOT)}:{line} imports {name}"
        for package in sorted((OUR_APPS | OTHER_PRODUCT_APPS | {"elearning"}) - {"quality", "tests", "demo", "reports"})
        for path in _modules(package)
        for line, name, _ in _imports(path)
        if _top(name) == "quality"
    ]
    assert reaching_up == [] and importing_quality == []


def test_no_app_imports_reports():
    found = [
        f"{path.relative_to(ROOT)}:{line} imports {name}"
        for package in sorted((OUR_APPS | OTHER_PRODUCT_APPS | {"elearning"}) - {"reports", "tests", "bench"})
        for path in _modules(package)
        for line, name, _ in _imports(path)
        if _top(name) == "reports"
    ]
    assert found == []


def test_no_app_but_demo_and_reports_imports_enews():
    found = [
        f"{path.relative_to(ROOT)}:{line} imports {name}"
        for package in sorted(
            (OUR_APPS | OTHER_PRODUCT_APPS | {"elearning"}) - {"enews", "demo", "reports", "tests", "bench"}
        )
        for path in _modules(package)
        for line, name, _ in _imports(path)
        if _top(name) == "enews"
    ]
    assert found == []


def test_the_rules_see_an_import_inside_a_function(tmp_path, monkeypatch):
    """The checks above can fail: a function-level import of courses is found."""
    package = tmp_path / "quizzes"
    package.mkdir()
    (package / "late.py").write_text("from courses.api import member_enrolled\n\ndef f():\n    import courses.models\n")
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)

    assert function_level_imports({"quizzes"}, of={"courses"}) == ["quizzes/late.py:4 imports courses.models"]
