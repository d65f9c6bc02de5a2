"""Who sees which report requests and reports, and what they may do with one: the only place
report queries are scoped.

A request is seen by callers who reach at least one of the units it asks, and shows them only
those units; a report only by callers who reach its unit. Another unit's report answers 404,
exactly like a missing one.
"""

from collections.abc import Iterable

from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from thidua.auth.policy import Actor, commune_scoped, of_commune, scoped
from thidua.auth.roles import Permission, Role
from thidua.core.errors import Conflict
from thidua.core.lookup import first_or_404
from thidua.reports.models import Report, ReportRequest, ReportRequestUnit
from thidua.units import access as unit_access

# ---------------------------------------------------------------- requests


def readable_requests(actor: Actor) -> SelectOfScalar[ReportRequest]:
    query = commune_scoped(select(ReportRequest), ReportRequest.commune_id, actor)
    if actor.commune_wide or actor.visible_unit_ids is None:
        return query
    mine = select(ReportRequestUnit.request_id).where(
        col(ReportRequestUnit.unit_id).in_(actor.visible_unit_ids)
    )
    return query.where(col(ReportRequest.id).in_(mine))


def get_readable_request(session: Session, actor: Actor, request_id: int) -> ReportRequest:
    query = readable_requests(actor).where(ReportRequest.id == request_id)
    return first_or_404(session, query, f"Không tìm thấy yêu cầu báo cáo có id {request_id}.")


def asked_in_reach(actor: Actor, asked: Iterable[int]) -> list[int]:
    """Of the units a request asks, those the caller may see."""
    return [u for u in asked if unit_access.in_reach(actor, u)]


def request_actions(actor: Actor) -> list[str]:
    return ["update"] if actor.can(Permission.reports_manage) else []


# ---------------------------------------------------------------- reports


def readable_reports(actor: Actor) -> SelectOfScalar[Report]:
    return scoped(select(Report), Report.unit_id, actor)


def get_readable_report(session: Session, actor: Actor, report_id: int) -> Report:
    query = readable_reports(actor).where(Report.id == report_id)
    return first_or_404(session, query, f"Không tìm thấy báo cáo có id {report_id}.")


def writes_for(actor: Actor, unit_id: int) -> bool:
    """Whether the caller writes this unit's reports: the head of a unit in their reach."""
    return Role.unit_manager in actor.roles and unit_access.in_reach(actor, unit_id)


def report_actions(actor: Actor, report: Report) -> list[str]:
    mine = writes_for(actor, report.unit_id)
    return ["update", "refresh_figures", "submit"] if mine and report.status == "draft" else []


def require(actor: Actor, report: Report, action: str) -> None:
    if action not in report_actions(actor, report):
        raise Conflict("Báo cáo đã nộp hoặc bạn không được sửa báo cáo này.")


def request_named(session: Session, actor: Actor, request_id: int) -> ReportRequest | None:
    """The report request a body names, or None when missing or another commune's."""
    return of_commune(actor, session.get(ReportRequest, request_id))
