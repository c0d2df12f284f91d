"""The rooms' rules, read from the import graph of the source (not by grepping text).

Each module's imports are parsed with `ast`, including imports inside functions, and
followed through the project's own modules, so an indirect import breaks a rule too. A
package that is only executed on the way to one of its modules counts with the imports it
runs then: those at its top level (a factory's imports inside `create_app` do not run).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("service", "matching", "models")
FLASK_WORLD = ("flask", "flask_babel", "flask_limiter", "flask_smorest", "werkzeug", "jinja2")
AUDIENCES = ("service.api", "service.web", "service.staff")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@cache
def project_modules() -> dict[str, Path]:
    """Map every module of the project's packages to its file."""
    return {
        _module_name(path): path
        for package in PACKAGES
        for path in sorted((ROOT / package).rglob("*.py"))
    }


def _resolve(module: str, level: int, here: str, is_package: bool) -> str:
    if level == 0:
        return module
    base = here.split(".") if is_package else here.split(".")[:-1]
    base = base[: len(base) - (level - 1)]
    return ".".join([*base, module] if module else base)


def _type_checking_only(node: ast.AST) -> bool:
    test = node.test if isinstance(node, ast.If) else None
    return isinstance(test, ast.Name | ast.Attribute) and ast.unparse(test).endswith(
        "TYPE_CHECKING"
    )


def _nodes(tree: ast.Module, *, on_import_only: bool) -> Iterator[ast.AST]:
    """Yield the nodes that can run: all but `if TYPE_CHECKING:` blocks, and with
    `on_import_only` nothing inside function bodies either."""
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if _type_checking_only(node):
            continue
        yield node
        if not (on_import_only and isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)):
            stack.extend(ast.iter_child_nodes(node))


@cache
def direct_imports(module: str, *, on_import_only: bool = False) -> frozenset[str]:
    """Return every module name `module` imports anywhere in its source (or, with
    `on_import_only`, only where the import runs when the module is imported)."""
    path = project_modules()[module]
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for node in _nodes(tree, on_import_only=on_import_only):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            target = _resolve(node.module or "", node.level, module, path.name == "__init__.py")
            found.add(target)
            # `from package import submodule` imports the submodule too.
            found.update(
                f"{target}.{alias.name}"
                for alias in node.names
                if f"{target}.{alias.name}" in project_modules()
            )
    return frozenset(found)


def _executed(name: str) -> Iterator[tuple[str, bool]]:
    """Yield the project modules that importing `name` executes, each with whether it is
    only passed on the way (its packages) rather than imported itself."""
    parts = name.split(".")
    for i in range(1, len(parts) + 1):
        prefix = ".".join(parts[:i])
        if prefix in project_modules():
            yield prefix, i < len(parts)


def import_closure(start: str) -> dict[str, str]:
    """Return every module `start` imports, directly or through project modules, each with
    the project module that imports it."""
    seen: dict[str, str] = {}
    stack = list(_executed(start))
    visited = set(stack)
    while stack:
        current, passing = stack.pop()
        for name in direct_imports(current, on_import_only=passing):
            seen.setdefault(name, current)
            for step in _executed(name):
                if step not in visited:
                    visited.add(step)
                    stack.append(step)
    return seen


def _under(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def modules_under(prefix: str) -> list[str]:
    return [m for m in project_modules() if _under(m, (prefix,))]


def violations(start: str, forbidden: tuple[str, ...]) -> list[str]:
    return sorted(
        f"{start} -> ... {importer} -> {name}"
        for name, importer in import_closure(start).items()
        if _under(name, forbidden)
    )


def test_the_graph_follows_imports_through_project_modules() -> None:
    # The checker itself: service.api imports Flask directly and through the platform.
    closure = import_closure("service.api.seekers")
    assert "flask" in closure
    assert "service.usecases.seekers" in closure
    assert "sqlalchemy.orm" in import_closure("service.usecases.seekers")


@pytest.mark.parametrize("module", modules_under("service.usecases"))
def test_use_cases_import_nothing_of_flask_even_indirectly(module: str) -> None:
    assert violations(module, FLASK_WORLD) == []


@pytest.mark.parametrize("module", modules_under("matching"))
def test_matching_is_a_pure_library(module: str) -> None:
    assert violations(module, (*FLASK_WORLD, "sqlalchemy", "models", "service")) == []


@pytest.mark.parametrize("module", modules_under("models"))
def test_models_know_nothing_of_flask_matching_or_the_service(module: str) -> None:
    assert violations(module, (*FLASK_WORLD, "matching", "service")) == []


@pytest.mark.parametrize(
    "module",
    [
        m
        for m in modules_under("service")
        if not _under(m, AUDIENCES) and m not in {"service", "service.cli"}
    ],
)
def test_audiences_are_leaves(module: str) -> None:
    importers = [name for name in direct_imports(module) if _under(name, AUDIENCES)]
    assert importers == [], f"{module} imports an audience: {importers}"


def test_every_package_says_what_lives_there() -> None:
    for package in sorted(p for p in project_modules().values() if p.name == "__init__.py"):
        doc = ast.get_docstring(ast.parse(package.read_text(encoding="utf-8")))
        assert doc, f"{package.relative_to(ROOT)} has no docstring"
        assert len(doc.splitlines()[0]) <= 100


# --- one definition of each rule --------------------------------------------------------


def _trees() -> Iterator[tuple[str, ast.Module]]:
    for module, path in project_modules().items():
        yield module, ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _where(
    predicate: object, *, within: tuple[str, ...] = PACKAGES, exclude: tuple[str, ...] = ()
) -> list[str]:
    found = []
    for module, tree in _trees():
        if not _under(module, within) or _under(module, exclude):
            continue
        for node in ast.walk(tree):
            if predicate(node):  # type: ignore[operator]
                found.append(f"{module}:{getattr(node, 'lineno', 0)}")
    return sorted(found)


def _calls(*names: str) -> object:
    return lambda node: isinstance(node, ast.Call) and ast.unparse(node.func) in names


def _assigns(name: str) -> object:
    def check(node: ast.AST) -> bool:
        targets = (
            node.targets
            if isinstance(node, ast.Assign)
            else [node.target]
            if isinstance(node, ast.AnnAssign)
            else []
        )
        return any(isinstance(t, ast.Name) and t.id == name for t in targets)

    return check


def test_one_match_transition_table() -> None:
    assert [w.split(":")[0] for w in _where(_assigns("TRANSITIONS"))] == [
        "service.usecases.matches"
    ]


def test_one_clock_reads_the_time() -> None:
    # `matching` is a library that takes `today` from its callers (UTC fallback of its own).
    now = _calls("datetime.now", "datetime.utcnow", "date.today", "time.time", "datetime.today")
    assert [w.split(":")[0] for w in _where(now, within=("service", "models"))] == ["models.base"]


def test_one_way_to_write_an_audit_record() -> None:
    assert [w.split(":")[0] for w in _where(_calls("AuditEvent"))] == ["service.usecases.audit"]


def _string_collection(values: set[str]) -> object:
    def check(node: ast.AST) -> bool:
        if not isinstance(node, ast.Tuple | ast.List | ast.Set):
            return False
        strings = {e.value for e in node.elts if isinstance(e, ast.Constant)}
        return strings == values

    return check


def test_roles_and_languages_are_listed_only_by_their_enums() -> None:
    # `matching` cannot import models.enums: its vocabulary names its own languages.
    # Migrations are frozen history: they spell out the values of their day.
    from models.enums import Language, UserRole

    within, exclude = ("service", "models"), ("service.migrations",)
    roles, languages = {r.value for r in UserRole}, {lang.value for lang in Language}
    assert _where(_string_collection(roles), within=within, exclude=exclude) == []
    assert _where(_string_collection(languages), within=within, exclude=exclude) == []
    assert _where(_string_collection(languages), within=("service.migrations",))  # it sees


def test_one_ranked_result_type() -> None:
    def has_items_and_missing(node: ast.AST) -> bool:
        if not isinstance(node, ast.ClassDef):
            return False
        names = {
            s.target.id
            for s in node.body
            if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name)
        }
        return {"items", "missing"} <= names

    # matching.types.Ranking is the library's own result, which this type wraps.
    assert [w.split(":")[0] for w in _where(has_items_and_missing, within=("service",))] == [
        "service.usecases.recommendations"
    ]
