from fastapi import APIRouter

from thidua.api.deps import SessionDep, SignedInActor
from thidua.reminders import service
from thidua.reminders.schemas import Reminder

router = APIRouter(prefix="/reminders", tags=["reminders"])


@router.get(
    "",
    name="reminders_list",
    summary="Việc sắp đến hạn và quá hạn của người dùng (kế hoạch, báo cáo, tự đánh giá)",
)
def list_reminders(actor: SignedInActor, session: SessionDep) -> list[Reminder]:
    return service.reminders_for(session, actor)
