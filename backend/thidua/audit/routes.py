from fastapi import APIRouter, Query

from thidua.api.deps import AuditReadActor, Page, SessionDep
from thidua.audit import service
from thidua.audit.schemas import AuditEventPage
from thidua.core.ids import QueryId

router = APIRouter(prefix="/audit-events", tags=["audit"])


@router.get("", name="audit_events_list", summary="Nhật ký thay đổi (mới nhất trước)")
def list_audit_events(
    actor: AuditReadActor,
    session: SessionDep,
    page: Page,
    entity_type: str | None = Query(None, max_length=40),
    entity_id: QueryId = None,
    actor_user_id: QueryId = None,
) -> AuditEventPage:
    filters = service.AuditFilters(entity_type, entity_id, actor_user_id)
    return service.list_events(session, actor, filters, page)
