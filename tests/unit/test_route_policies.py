"""Every route declares who may call it: exactly one policy dependency (a permission, any signed-in
user, or public). A route added without one fails here."""

from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from thidua.auth.policy import PUBLIC, Policy, PublicPolicy
from thidua.main import ROUTERS, create_app

# Routes anyone may call without signing in besides the read-only public pages under /api/v1/public
# (honour board, published results, certificate verification); anything else public is a mistake.
EXPECTED_PUBLIC = {("POST", "/api/v1/auth/token"), ("GET", "/api/v1/health")}
PUBLIC_PAGES = "/api/v1/public/"


def _policies(dependant: Dependant) -> list[object]:
    found = [d.call for d in dependant.dependencies if isinstance(d.call, Policy | PublicPolicy)]
    for sub in dependant.dependencies:
        if not isinstance(sub.call, Policy | PublicPolicy):
            found += _policies(sub)
    return found


def test_every_route_declares_exactly_one_policy(settings) -> None:  # type: ignore[no-untyped-def]
    routes = [r for router in ROUTERS for r in router.routes if isinstance(r, APIRoute)]
    assert len(routes) >= 20
    # Nothing reaches the app outside ROUTERS (which would escape this check).
    served = {(m.upper(), p) for p, ops in create_app(settings).openapi()["paths"].items() for m in ops}
    assert len(served) == sum(len(r.methods) for r in routes)
    public = set()
    for route in routes:
        policies = _policies(route.dependant)
        assert len(policies) == 1, f"{route.methods} {route.path} declares {policies or 'no policy'}"
        if policies[0] is PUBLIC:
            public |= {(m, "/api/v1" + route.path) for m in route.methods}
    assert {p for p in public if not p[1].startswith(PUBLIC_PAGES)} == EXPECTED_PUBLIC
    assert {m for m, p in public if p.startswith(PUBLIC_PAGES)} <= {"GET"}
    for route in routes:
        if route.path.startswith("/public/"):
            assert _policies(route.dependant) == [PUBLIC], f"{route.path} under /public must be public"


def test_operation_ids_are_stable_names_with_summary_and_tags(settings) -> None:  # type: ignore[no-untyped-def]
    schema = create_app(settings).openapi()
    ids = []
    for path, operations in schema["paths"].items():
        for method, op in operations.items():
            assert op.get("summary"), f"{method} {path} has no summary"
            assert op.get("tags"), f"{method} {path} has no tags"
            ids.append(op["operationId"])
    assert len(ids) == len(set(ids))
    assert "units_list" in ids and "auth_login" in ids
