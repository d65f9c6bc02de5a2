"""The app factory: settings, database, routers, middleware, error handlers, and the built SPA."""

import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.routing import APIRoute, iter_route_contexts
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import configure_mappers
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response
from starlette.routing import compile_path
from starlette.types import Scope

import thidua.all_models  # noqa: F401 - registers every table
from thidua.activities.routes import router as activities_router
from thidua.apikeys.routes import router as api_keys_router
from thidua.assessments.evidence import FORM_OVERHEAD_BYTES, MAX_EVIDENCE_BYTES
from thidua.assessments.routes import router as assessments_router
from thidua.audit.routes import router as audit_router
from thidua.auth.policy import PUBLIC, warm_up_authentication
from thidua.auth.routes import router as auth_router
from thidua.awards.achievements.routes import router as achievements_router
from thidua.awards.councils.routes import router as council_meetings_router
from thidua.awards.decisions.routes import router as award_decisions_router
from thidua.awards.nominations.routes import router as nominations_router
from thidua.awards.rounds.routes import router as award_rounds_router
from thidua.awards.types.routes import router as award_types_router
from thidua.budget.routes import partners_router
from thidua.budget.routes import router as budget_router
from thidua.communications.routes import corners as info_corners_router
from thidua.communications.routes import proposals as story_proposals_router
from thidua.communications.routes import router as communications_router
from thidua.communications.service import MAX_OUTPUT_FILE_BYTES
from thidua.conduct.routes import flags as flags_router
from thidua.conduct.routes import ratings as staff_ratings_router
from thidua.config import Settings
from thidua.core import tasks
from thidua.core.bodylimit import BodyLimit
from thidua.core.browser import ProblemCORSMiddleware, ResponseHeaders, swagger_ui_page
from thidua.core.concurrency import IF_MATCH_PARAMETER
from thidua.core.errors import Problem, allowed_methods, install_error_handlers, problem_response
from thidua.core.nul import RejectNul
from thidua.core.ratelimit import RateLimiter
from thidua.db import make_engine
from thidua.dti.routes import router as dti_router
from thidua.frameworks.routes import router as frameworks_router
from thidua.generated.routes import dossiers as dossiers_router
from thidua.generated.routes import router as generated_router
from thidua.generated.routes import scorecard_exports as scorecard_exports_router
from thidua.imports.jobs import sweep
from thidua.imports.routes import exports as exports_router
from thidua.imports.routes import router as imports_router
from thidua.initiatives.routes import router as initiatives_router
from thidua.inspections.routes import findings_router as inspection_findings_router
from thidua.inspections.routes import plans_router as inspection_plans_router
from thidua.inspections.routes import router as inspections_router
from thidua.lookups.routes import router as lookups_router
from thidua.materials.routes import router as materials_router
from thidua.materials.service import MAX_MATERIAL_BYTES
from thidua.movements.routes import router as movements_router
from thidua.plans.routes import router as plans_router
from thidua.province.routes import router as province_router
from thidua.public.routes import router as public_router
from thidua.reminders.routes import router as reminders_router
from thidua.reports.routes import reports as reports_router
from thidua.reports.routes import requests as report_requests_router
from thidua.research.routes import by_initiative as research_by_initiative_router
from thidua.research.routes import router as research_supports_router
from thidua.scoring.routes import router as scorecards_router
from thidua.steering.routes import heads_router as staff_school_results_router
from thidua.steering.routes import router as steering_router
from thidua.steering.service import MAX_SCAN_BYTES
from thidua.storage import storage_for
from thidua.stories.routes import publications as result_publications_router
from thidua.stories.routes import router as stories_router
from thidua.stories.service import MAX_IMAGE_BYTES
from thidua.tasks.inprocess import Runner
from thidua.units.routes import staff as staff_router
from thidua.units.routes import units as units_router
from thidua.users.routes import router as users_router
from thidua.webhooks.events import webhooks_router as webhook_events
from thidua.webhooks.routes import router as webhooks_router

API_PREFIX = "/api/v1"
# The largest request body of any route but those in _larger_bodies (core/bodylimit.py refuses more
# with 413 while it streams in). A plan at every field's maximum length is about 4 MB of JSON.
MAX_BODY_BYTES = 8 * 1024 * 1024

_problem_content = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
# Every operation documents the one error shape (this also replaces FastAPI's default 422 schema).
PROBLEM_RESPONSES: dict[int | str, dict[str, Any]] = {
    "4XX": {
        "model": Problem,
        "description": "Lỗi do yêu cầu (RFC 9457 problem details)",
        "content": _problem_content,
    },
    "5XX": {
        "model": Problem,
        "description": "Lỗi hệ thống (RFC 9457 problem details)",
        "content": _problem_content,
    },
}


class Health(BaseModel):
    status: str


health_router = APIRouter(tags=["system"])


@health_router.get(
    "/health",
    response_model=Health,
    name="health",
    summary="Kiểm tra dịch vụ còn hoạt động",
    dependencies=[Depends(PUBLIC)],
)
def health() -> Health:
    return Health(status="ok")


# Every API router; the policy test walks these, and checks the app serves nothing else.
ROUTERS = (
    health_router,
    auth_router,
    units_router,
    staff_router,
    staff_school_results_router,
    users_router,
    audit_router,
    movements_router,
    frameworks_router,
    assessments_router,
    scorecard_exports_router,
    scorecards_router,
    inspections_router,
    inspection_findings_router,
    inspection_plans_router,
    activities_router,
    plans_router,
    report_requests_router,
    reports_router,
    reminders_router,
    lookups_router,
    initiatives_router,
    research_by_initiative_router,
    research_supports_router,
    staff_ratings_router,
    flags_router,
    award_types_router,
    award_rounds_router,
    council_meetings_router,
    nominations_router,
    award_decisions_router,
    dossiers_router,
    achievements_router,
    stories_router,
    result_publications_router,
    communications_router,
    story_proposals_router,
    info_corners_router,
    materials_router,
    public_router,
    api_keys_router,
    imports_router,
    exports_router,
    generated_router,
    webhooks_router,
    budget_router,
    partners_router,
    steering_router,
    dti_router,
    province_router,
)


class SinglePageApp(StaticFiles):
    """Serves the built SPA; unknown paths get index.html so client-side routes survive a reload."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        if path == "api" or path.startswith("api/"):
            # The mount matches every path, so an API path the router matched only by its path (another
            # method) lands here: 405 with Allow like every other route; an unknown API path 404.
            known = allowed_methods(Request(scope)) is not None
            raise StarletteHTTPException(405 if known else 404)
        try:
            return await super().get_response(path, scope)
        except StarletteHTTPException as exc:
            if exc.status_code != 404:
                raise
            return await super().get_response("index.html", scope)


def _moved_to(target: str) -> Any:
    async def moved(request: Request) -> Response:
        query = f"?{request.url.query}" if request.url.query else ""
        return RedirectResponse(target + query, status_code=308)

    return moved


def _larger_bodies(settings: Settings) -> list[tuple[Any, int]]:
    """The routes that take more than MAX_BODY_BYTES: uploads (the file and the form around it) and
    bulk imports, as (path pattern, limit)."""
    limits = {
        "self_assessments_add_evidence_file": MAX_EVIDENCE_BYTES + FORM_OVERHEAD_BYTES,
        "stories_add_image": MAX_IMAGE_BYTES + FORM_OVERHEAD_BYTES,
        "budget_spending_add_document": MAX_EVIDENCE_BYTES + FORM_OVERHEAD_BYTES,
        "steering_committees_upload_scan": MAX_SCAN_BYTES + FORM_OVERHEAD_BYTES,
        "comms_outputs_attach_file": MAX_OUTPUT_FILE_BYTES + FORM_OVERHEAD_BYTES,
        "materials_attach_file": MAX_MATERIAL_BYTES + FORM_OVERHEAD_BYTES,
        "imports_run": settings.import_max_bytes,
    }
    found = [
        (compile_path(API_PREFIX + route.path)[0], limits[route.name])
        for router in ROUTERS
        for route in router.routes
        if isinstance(route, APIRoute) and route.name in limits
    ]
    if len(found) != len(limits):
        raise RuntimeError("a route with a larger body limit was renamed; update _larger_bodies")
    return found


def _operation_id(route: APIRoute) -> str:
    return route.name


_startup_objects_frozen = False


def _freeze_startup_objects() -> None:
    """Once per process: the objects alive after start-up (modules, models, routes, schemas) live as
    long as it does. Frozen, the garbage collector's full passes stop walking them again and again;
    those passes took about a quarter of the CPU of a 100,000-row import."""
    global _startup_objects_frozen
    if not _startup_objects_frozen:
        gc.collect()
        gc.freeze()
        _startup_objects_frozen = True


def _warm_up(app: FastAPI) -> None:
    """Before the first request: FastAPI builds an included router's routes (their validators and
    dependencies) when a request first reaches them, about 0.1 s per router in the first user's wait;
    building all of them here takes under a second of start-up. One database connection is opened too,
    by the statement that authenticates every request."""
    for _route in iter_route_contexts(app.router.routes):
        pass
    # The ORM maps its classes and compiles a statement on first use: the statement every request runs
    # first (the caller's account), once here, took 140 ms of the first user's first request.
    configure_mappers()
    with Session(app.state.engine) as session:
        warm_up_authentication(session)


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Warm-up; the single-machine worker, when this process runs the queue's tasks itself (SQLite, or
    JOB_QUEUE=in_process); with PostgreSQL workers the API only defers jobs."""
    if app.state.settings.warm_up:
        _warm_up(app)
    _freeze_startup_objects()
    runner: Runner | None = app.state.task_runner
    if runner is not None:
        runner.start()
    else:  # the workers clean their own folders (imports.housekeeping); this node's uploads are its own
        sweep(Path(app.state.settings.var_dir))
    try:
        yield
    finally:
        if runner is not None:
            runner.stop()


def require_if_match(app: FastAPI) -> None:
    """Routes that take api.deps.IfMatch read the header as optional (so a missing object is 404 first)
    and answer 428 themselves without it: the contract says what clients must send, required."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            for operation in (op for path in generate()["paths"].values() for op in path.values()):
                for parameter in operation.get("parameters", []):
                    if parameter["in"] == "header" and parameter["name"] == "If-Match":
                        parameter.update(IF_MATCH_PARAMETER)
        assert app.openapi_schema is not None
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    app = FastAPI(
        title="Thi Đua Số API",
        version="1.0.0",
        description=(
            "API của nền tảng Thi Đua Số: Phong trào thi đua phát triển khoa học công nghệ, đổi mới sáng tạo "
            "và chuyển đổi số ngành giáo dục xã Thanh Thủy (2025–2030). Lỗi trả về theo RFC 9457 "
            "(application/problem+json); cập nhật cần If-Match với ETag."
        ),
        generate_unique_id_function=_operation_id,
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=None,  # served below with a policy of its own
        redoc_url=None,
        lifespan=_lifespan,
    )
    app.state.settings = settings
    app.state.engine = make_engine(
        settings.resolved_database_url,
        echo=settings.sql_echo,
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
    )
    app.state.storage = storage_for(settings.storage_url, settings.var_dir)
    app.state.rate_limiter = RateLimiter(app.state.engine, settings.rate_limit_per_minute)
    tasks.set_mode(settings.resolved_job_queue)
    app.state.task_runner = (
        Runner(tasks.Env(app.state.engine, settings, app.state.storage))
        if settings.resolved_job_queue == "in_process"
        else None
    )
    settings.resolved_secret_key  # noqa: B018 - fail at start-up, not at first login, on a weak secret
    for warning in settings.startup_warnings():
        logging.getLogger("thidua").warning(warning)

    install_error_handlers(app)

    @app.exception_handler(StaleDataError)
    async def _stale(_request: Request, _exc: StaleDataError) -> JSONResponse:
        return problem_response(
            412,
            "Dữ liệu đã được người khác thay đổi cùng lúc; vui lòng tải lại rồi sửa lại.",
            slug="precondition-failed",
        )

    @app.exception_handler(IntegrityError)
    async def _integrity(_request: Request, _exc: IntegrityError) -> JSONResponse:
        return problem_response(
            409, "Dữ liệu trùng hoặc mâu thuẫn với dữ liệu đã có; không có gì được lưu.", slug="conflict"
        )

    for router in ROUTERS:
        app.include_router(router, prefix=API_PREFIX, responses=PROBLEM_RESPONSES)
    app.add_route(f"{API_PREFIX}/docs", swagger_ui_page(app), include_in_schema=False)
    # Where tools look by habit: sent on to the real paths rather than answered by the web app's HTML.
    for old in ("/health", "/openapi.json", "/docs"):
        app.add_route(old, _moved_to(API_PREFIX + old), methods=["GET", "HEAD"], include_in_schema=False)
    require_if_match(app)
    app.webhooks.include_router(webhook_events())  # the `webhooks` section: event bodies, signature

    app.add_middleware(BodyLimit, default=MAX_BODY_BYTES, routes=_larger_bodies(settings))
    app.add_middleware(RejectNul)

    if settings.cors_origins:
        app.add_middleware(
            ProblemCORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "PATCH", "PUT", "DELETE"],
            allow_headers=[
                "Authorization",
                "Content-Type",
                "If-Match",
                "If-None-Match",
                "Idempotency-Key",
                "X-API-Key",
            ],
            expose_headers=["ETag", "Retry-After", "Location", "Idempotent-Replayed"],
        )

    app.add_middleware(ResponseHeaders, api_prefix=API_PREFIX)  # outermost: every answer gets them

    dist = Path(settings.frontend_dist)
    if (dist / "index.html").exists():
        app.mount("/", SinglePageApp(directory=dist, html=True), name="spa")
    return app


app = create_app()
