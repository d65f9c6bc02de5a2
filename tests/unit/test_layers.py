"""The walls between domains, checked on the source: who may scope a query by unit, and the route
dependencies every route takes."""

import ast
from pathlib import Path

from tests.fixtures.import_graph import module_imports, package_graph, strongly_connected
from thidua.api import deps
from thidua.auth.roles import Permission

PACKAGE = Path(__file__).resolve().parents[2] / "backend" / "thidua"

# Deciding which units a caller sees belongs to auth/ and to each domain's access.py: a service, a
# route, an import kind or an export that filters by unit itself is a wall with a hole in it.
UNIT_SCOPING = {
    "scoped",
    "get_visible",
    "sees_unit",
    "visible_unit_ids",
    # the wall between communes (a province deployment)
    "commune_scoped",
    "commune_units_only",
    "commune_unit_ids",
    "sees_commune",
    "of_commune",
}

# Files that still scope by themselves while the access layer is built; this list only shrinks.
NOT_YET_MOVED: set[str] = set()


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


# Scoring sits at the bottom: the domains that feed or read it import it, never the other way round.
# It may read core, db, auth (the Actor), api (its routes' dependencies), documents (a leaf: file
# formats) and the tables of the four domains whose rows it scores. Sources and the assessments'
# access rules reach it through thidua/registrations.py.
SCORING_MAY_IMPORT = ("scoring", "core", "db", "auth", "api", "documents")
SCORING_MAY_READ_MODELS = ("frameworks.models", "assessments.models", "units.models", "movements.models")
# What is still strongly connected with scoring, and why: assessments and frameworks call scoring
# while scoring reads their tables (db no longer imports scoring since scores are stored). It may
# shrink, never grow.
SCORING_GROUP = {"assessments", "frameworks", "scoring"}


def test_scoring_imports_no_other_domain_than_the_tables_it_scores() -> None:
    offenders = {
        f"{relative}: {module}"
        for relative, modules in module_imports().items()
        if relative.startswith("scoring/")
        for module in modules
        if module.split(".")[0] not in SCORING_MAY_IMPORT and not module.startswith(SCORING_MAY_READ_MODELS)
    }
    assert not offenders, (
        "scoring imports another domain's code: register it from thidua/registrations.py (a source, an "
        f"access rule) or move the code to that domain: {sorted(offenders)}"
    )


def test_the_group_strongly_connected_with_scoring_does_not_grow() -> None:
    group = next((c for c in strongly_connected(package_graph()) if "scoring" in c), {"scoring"})
    assert group <= SCORING_GROUP, (
        f"{sorted(group - SCORING_GROUP)} now import scoring and are imported by it (directly or not): "
        "a domain above scoring imports scoring, so scoring must not reach it"
    )
