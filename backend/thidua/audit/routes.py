from fastapi import APIRouter, Depends, Query
from sqlmodel import Session

from thidua.audit import service
from thidua.audit.schemas import AuditEventPage
from thidua.auth.policy import Actor, allow
from thidua.auth.roles import Permission
from thidua.core.ids import QueryId
from thidua.core.pagination import PageParams, page_params
from thidua.db import get_session

router = APIRouter(prefix="/audit-events", tags=["audit"])


@router.get(
    "", response_model=AuditEventPage, name="audit_events_list", summary="Nhật ký thay đổi (mới nhất trước)"
)
def list_audit_events(
    entity_type: str | None = Query(None, max_length=40),
    entity_id: QueryId = None,
    actor_user_id: QueryId = None,
    page: PageParams = Depends(page_params),
    actor: Actor = Depends(allow(Permission.audit_read)),
    session: Session = Depends(get_session),
) -> AuditEventPage:
    filters = service.AuditFilters(entity_type, entity_id, actor_user_id)
    return service.list_events(session, filters, page)
