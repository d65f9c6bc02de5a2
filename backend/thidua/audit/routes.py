from fastapi import APIRouter, Depends, Query
from sqlmodel import Session, col, select

from thidua.audit.models import AuditEvent
from thidua.audit.schemas import AuditEventPage, AuditEventRead
from thidua.auth.policy import Actor, allow
from thidua.auth.roles import Permission
from thidua.core.pagination import PageParams, page_params, paginate
from thidua.db import get_session

router = APIRouter(prefix="/audit-events", tags=["audit"])


@router.get(
    "", response_model=AuditEventPage, name="audit_events_list", summary="Nhật ký thay đổi (mới nhất trước)"
)
def list_audit_events(
    entity_type: str | None = Query(None, max_length=40),
    entity_id: int | None = None,
    actor_user_id: int | None = None,
    page: PageParams = Depends(page_params),
    actor: Actor = Depends(allow(Permission.audit_read)),
    session: Session = Depends(get_session),
) -> AuditEventPage:
    query = select(AuditEvent)
    if entity_type:
        query = query.where(AuditEvent.entity_type == entity_type)
    if entity_id is not None:
        query = query.where(AuditEvent.entity_id == entity_id)
    if actor_user_id is not None:
        query = query.where(AuditEvent.actor_user_id == actor_user_id)
    rows, total = paginate(session, query, page, col(AuditEvent.id).desc())
    items = [AuditEventRead.model_validate(r, from_attributes=True) for r in rows]
    return AuditEventPage(items=items, total=total, limit=page.limit, offset=page.offset)
