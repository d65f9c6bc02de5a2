"""The walls between domains, checked on the source: who may scope a query by unit, and the route
dependencies every route takes."""

import ast
from pathlib import Path

from thidua.api import deps
from thidua.auth.roles import Permission

PACKAGE = Path(__file__).resolve().parents[2] / "backend" / "thidua"

# Deciding which units a caller sees belongs to auth/ and to each domain's access.py: a service, a
# route, an import kind or an export that filters by unit itself is a wall with a hole in it.
UNIT_SCOPING = {"scoped", "get_visible", "sees_unit", "visible_unit_ids"}

# Files that still scope by themselves while the access layer is built; this list only shrinks.
NOT_YET_MOVED: set[str] = {
    "imports/scope.py",
}


def _may_scope(relative: str) -> bool:
    return relative.startswith("auth/") or relative.endswith("access.py") or "/access/" in relative


def _scoping_uses(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        name = (
            node.id
            if isinstance(node, ast.Name)
            else node.attr
            if isinstance(node, ast.Attribute)
            else node.name
            if isinstance(node, ast.alias)
            else None
        )
        if name in UNIT_SCOPING:
            found.append(f"{name} (line {getattr(node, 'lineno', '?')})")
    return found


def test_only_access_modules_scope_queries_by_unit() -> None:
    offenders = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if relative.startswith("migrations/") or _may_scope(relative):
            continue
        uses = _scoping_uses(path)
        if uses and relative not in NOT_YET_MOVED:
            offenders[relative] = uses
    assert not offenders, (
        "Unit scoping outside auth/ and <domain>/access.py; add a readable query or an allowed-actions "
        f"function to the domain's access.py and call it instead: {offenders}"
    )


def test_the_list_of_files_not_yet_moved_only_shrinks() -> None:
    stale = {f for f in NOT_YET_MOVED if not (PACKAGE / f).exists() or not _scoping_uses(PACKAGE / f)}
    assert not stale, f"These files no longer scope by unit: remove them from NOT_YET_MOVED: {stale}"


def test_every_permission_has_one_actor_alias() -> None:
    for permission in Permission:
        alias = "".join(part.capitalize() for part in permission.name.split("_")) + "Actor"
        assert hasattr(deps, alias), f"api/deps.py has no {alias} for {permission.value}"
