from fastapi import APIRouter, Depends
from sqlmodel import Session

from thidua.auth.policy import AUTHENTICATED, Actor
from thidua.db import get_session
from thidua.reminders import service
from thidua.reminders.schemas import Reminder

router = APIRouter(prefix="/reminders", tags=["reminders"])


@router.get(
    "",
    response_model=list[Reminder],
    name="reminders_list",
    summary="Việc sắp đến hạn và quá hạn của người dùng (kế hoạch, báo cáo, tự đánh giá)",
)
def list_reminders(
    actor: Actor = Depends(AUTHENTICATED), session: Session = Depends(get_session)
) -> list[Reminder]:
    return service.reminders_for(session, actor)
