"""Plans (kế hoạch): the commune's plan and each unit's implementation plan, due within 30 days of
receiving the commune plan; draft → submitted → returned → submitted → approved, every version kept."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from fastapi import UploadFile
from sqlmodel import Session, col, func, select

from thidua.assessments import evidence as files
from thidua.audit import service as audit
from thidua.auth.policy import Actor, descendant_unit_ids
from thidua.auth.roles import Permission, Role
from thidua.core.errors import Conflict, FieldError, Forbidden, Invalid, NotFound, ValidationFailed
from thidua.core.models import CENT, today, utcnow
from thidua.core.pagination import PageParams, page_of, paginate
from thidua.core.records import from_row
from thidua.core.search import where_given
from thidua.frameworks.models import Framework, Indicator
from thidua.movements import access as movements_access
from thidua.plans import access
from thidua.plans.models import ACK_WITHIN_DAYS, PLAN_DEADLINE_DAYS, Plan, PlanDispatch, PlanVersion
from thidua.plans.schemas import (
    AdjustmentIn,
    BudgetLinesIn,
    DispatchRead,
    PendingAdjustment,
    PlanContent,
    PlanCreate,
    PlanIssue,
    PlanPage,
    PlanRead,
    PlanUpdate,
    PlanVersionRead,
    ReceiptRecord,
    ReturnComment,
    TaskProgress,
    TrackingRow,
)
from thidua.storage import Storage, content_key
from thidua.units import access as unit_access
from thidua.units.models import StaffMember, Unit
from thidua.webhooks import service as webhooks

DUE_SOON_DAYS = 7


def deadline(plan: Plan | None, on: date) -> tuple[str, int | None]:
    """(deadline status, days left) of a unit plan: on time, due in ≤ 7 days, overdue, submitted late."""
    if plan is None or plan.due_date is None:
        return "not_received", None
    if plan.first_submitted_at is not None:
        submitted_on = plan.first_submitted_at.date()
        return ("on_time" if submitted_on <= plan.due_date else "submitted_late"), None
    days_left = (plan.due_date - on).days
    if days_left < 0:
        return "overdue", days_left
    return ("due_soon" if days_left <= DUE_SOON_DAYS else "pending"), days_left


def _count_versions(session: Session, plan_id: int) -> int:
    return int(session.exec(select(func.count()).where(PlanVersion.plan_id == plan_id)).one())


def read_plan(session: Session, actor: Actor, plan: Plan) -> PlanRead:
    assert plan.id is not None
    unit = session.get(Unit, plan.unit_id)
    status, days_left = deadline(plan, today()) if plan.kind == "unit" else (None, None)
    return from_row(
        PlanRead,
        plan,
        unit_name=unit.name if unit else "",
        deadline_status=status,
        days_left=days_left,
        budget_total_vnd=sum(int(b["amount_vnd"]) for b in plan.budget_lines),
        version_count=_count_versions(session, plan.id),
        overdue_tasks=overdue_tasks(plan, today()),
        pending_adjustment=_pending_adjustment(session, plan),
        allowed_actions=_actions(session, actor, plan),
    )


@dataclass(frozen=True)
class PlanFilters:
    unit_id: int | None = None
    status: str | None = None
    kind: str | None = None


def list_plans(session: Session, actor: Actor, f: PlanFilters, page: PageParams) -> PlanPage:
    query = access.readable(actor)
    query = where_given(query, (Plan.unit_id, f.unit_id), (Plan.status, f.status), (Plan.kind, f.kind))
    rows, total = paginate(session, query, page, Plan.kind, Plan.unit_id, Plan.id)
    return page_of(PlanPage, [read_plan(session, actor, p) for p in rows], total, page)


def get_plan(session: Session, actor: Actor, plan_id: int) -> Plan:
    return access.get_readable(session, actor, plan_id)


def _content_problems(
    session: Session, movement_id: int, unit_id: int, content: PlanContent
) -> list[FieldError]:
    problems: list[FieldError] = []
    at = "body.content"
    units = descendant_unit_ids(session, unit_id)
    for n, task in enumerate(content.tasks):
        if task.due_date < task.start_date:
            problems.append(
                FieldError(
                    path=f"{at}.tasks.{n}.due_date",
                    type="before_start",
                    message="Hạn hoàn thành không được trước ngày bắt đầu.",
                )
            )
        if task.owner_staff_id is not None:
            staff = session.get(StaffMember, task.owner_staff_id)
            if staff is None or staff.unit_id not in units:
                problems.append(
                    FieldError(
                        path=f"{at}.tasks.{n}.owner_staff_id",
                        type="not_in_unit",
                        message="Người phụ trách phải là cán bộ của đơn vị.",
                    )
                )
        if task.owner_unit_id is not None and task.owner_unit_id not in units:
            problems.append(
                FieldError(
                    path=f"{at}.tasks.{n}.owner_unit_id",
                    type="not_in_unit",
                    message="Tổ phụ trách phải thuộc đơn vị.",
                )
            )
        if task.status == "done" and task.done_date is None:
            problems.append(
                FieldError(
                    path=f"{at}.tasks.{n}.done_date",
                    type="missing",
                    message="Nhiệm vụ đã hoàn thành cần ngày hoàn thành.",
                )
            )
    codes = set(
        session.exec(
            select(Indicator.code)
            .join(Framework, col(Framework.id) == Indicator.framework_id)
            .where(
                Framework.movement_id == movement_id,
                Framework.status == "active",
                Framework.subject_kind == "unit",
            )
        ).all()
    )
    for n, target in enumerate(content.targets):
        if target.indicator_code not in codes:
            problems.append(
                FieldError(
                    path=f"{at}.targets.{n}.indicator_code",
                    type="unknown_indicator",
                    message=f"Không có chỉ tiêu mã '{target.indicator_code}' trong bảng điểm.",
                )
            )
    return problems


def _validate(session: Session, movement_id: int, unit_id: int, content: PlanContent) -> None:
    problems = _content_problems(session, movement_id, unit_id, content)
    if problems:
        raise ValidationFailed(f"Kế hoạch chưa hợp lệ: {len(problems)} lỗi; không có gì được lưu.", problems)


def create_plan(session: Session, actor: Actor, data: PlanCreate) -> Plan:
    if movements_access.named(session, actor, data.movement_id) is None:
        raise Invalid("body.movement_id", f"Không tìm thấy phong trào có id {data.movement_id}.", "not_found")
    unit = unit_access.unit_in_reach(session, actor, data.unit_id or actor.user.unit_id or 0)
    if unit is None or unit.id is None:
        raise Invalid("body.unit_id", "Không tìm thấy đơn vị trong phạm vi của bạn.", "not_found")
    if unit.kind == "commune":
        if not actor.can(Permission.plans_review):
            raise Invalid("body.unit_id", "Chỉ Phòng Văn hóa - Xã hội lập kế hoạch của xã.", "not_allowed")
        kind = "commune"
    elif unit.kind == "school" and Role.unit_manager in actor.roles:
        kind = "unit"
    elif unit.kind == "school":  # the role, not the body, is what is refused
        raise Forbidden("Kế hoạch thực hiện do thủ trưởng cơ sở giáo dục lập.")
    else:
        raise Invalid("body.unit_id", "Kế hoạch thực hiện do thủ trưởng cơ sở giáo dục lập.", "not_allowed")
    if (
        kind == "unit"
        and session.exec(
            select(Plan.id).where(
                Plan.unit_id == unit.id, Plan.movement_id == data.movement_id, Plan.kind == "unit"
            )
        ).first()
    ):
        raise Conflict("Đơn vị đã có kế hoạch thực hiện phong trào này; hãy sửa kế hoạch đó.")
    _validate(session, data.movement_id, unit.id, data.content)
    plan = Plan(
        movement_id=data.movement_id,
        unit_id=unit.id,
        kind=kind,
        number=data.number,
        title=data.title,
        issue_date=data.issue_date,
        status="draft",  # a commune plan becomes "issued" through issue()
        content=data.content.model_dump(mode="json"),
    )
    if kind == "unit":
        dispatch = _dispatch_for(session, data.movement_id, unit.id)
        if dispatch is not None and dispatch.received_on is not None:
            _copy_receipt(plan, dispatch)
    session.add(plan)
    session.flush()
    audit.record(session, actor, "create", plan, None)
    session.commit()
    return plan


def _due(received: date | None) -> date | None:
    return received + timedelta(days=PLAN_DEADLINE_DAYS) if received else None


def update_plan(session: Session, actor: Actor, plan: Plan, data: PlanUpdate) -> Plan:
    correcting = plan.kind == "commune" and plan.status == "issued"
    access.require(actor, plan, "correct" if correcting else "update")
    if correcting and data.correction_reason is None:
        raise Invalid(
            "body.correction_reason",
            "Kế hoạch của xã đã ban hành chỉ được sửa bằng đính chính: cần nêu lý do đính chính.",
            "missing",
        )
    changes: dict[str, Any] = data.model_dump(
        exclude_unset=True, exclude={"content", "correction_reason"}, mode="json"
    )
    if data.content is not None:
        _validate(session, plan.movement_id, plan.unit_id, data.content)
        changes["content"] = data.content.model_dump(mode="json")
    if "issue_date" in data.model_fields_set:
        changes["issue_date"] = data.issue_date
    for key in ("title", "signer_name", "signer_title"):
        if key in changes and changes[key] is None:
            raise Invalid(f"body.{key}", "Trường này không được để trống.", "missing")
    if correcting:  # the correction is a version of its own, with its reason
        return _transition(session, actor, plan, "correct", changes, data.correction_reason)
    return audit.save_changes(session, actor, plan, changes, "update")


def issue(session: Session, actor: Actor, plan: Plan, data: PlanIssue) -> Plan:
    """Issue the commune plan and send it to every active school of the commune (one dispatch each)."""
    access.require(actor, plan, "issue")
    if data.issue_date > today():
        raise Invalid("body.issue_date", "Ngày ban hành không được sau ngày hôm nay.", "in_future")
    changes = {**data.model_dump(exclude={"channel"}), "status": "issued", "issued_at": utcnow()}
    schools = session.exec(
        select(Unit.id).where(
            col(Unit.id).in_(descendant_unit_ids(session, plan.unit_id)),
            Unit.kind == "school",
            col(Unit.is_active).is_(True),
        )
    ).all()
    assert plan.id is not None
    for unit_id in schools:
        session.add(PlanDispatch(plan_id=plan.id, unit_id=unit_id or 0, channel=data.channel))
    return _transition(session, actor, plan, "issue", changes)


SCAN_FOLDER = "plans"
MAX_SCAN_BYTES = 10 * 1024 * 1024
SCAN_TYPES = frozenset({"application/pdf", "image/png", "image/jpeg"})


def scan_key(plan: Plan) -> str:
    assert plan.scan_sha256 is not None
    return content_key(SCAN_FOLDER, plan.scan_sha256)


def attach_scan(session: Session, actor: Actor, plan: Plan, upload: UploadFile, storage: Storage) -> Plan:
    """The commune plan's signed and sealed copy; replacing it is audited like every change."""
    access.require(actor, plan, "attach_scan")
    stored = files.receive(
        upload,
        storage,
        SCAN_FOLDER,
        max_bytes=MAX_SCAN_BYTES,
        accept=SCAN_TYPES,
        too_large=f"Bản quét kế hoạch vượt quá {MAX_SCAN_BYTES // (1024 * 1024)} MB.",
        unsupported="Chỉ nhận bản quét PDF, PNG hoặc JPEG (xét theo nội dung tệp).",
    )
    changes = {
        "scan_sha256": stored.sha256,
        "scan_size_bytes": stored.size_bytes,
        "scan_content_type": stored.content_type,
        "scan_filename": files.safe_filename(upload.filename, stored.extension),
    }
    return audit.save_changes(session, actor, plan, changes, "attach_scan")


def _dispatch_for(session: Session, movement_id: int, unit_id: int) -> PlanDispatch | None:
    return session.exec(
        select(PlanDispatch)
        .join(Plan, col(Plan.id) == PlanDispatch.plan_id)
        .where(Plan.movement_id == movement_id, Plan.kind == "commune", PlanDispatch.unit_id == unit_id)
        .order_by(col(PlanDispatch.id).desc())
    ).first()


def _pending_dispatch(session: Session, actor: Actor, plan: Plan) -> PlanDispatch | None:
    if not access.may_acknowledge(actor, plan):
        return None
    dispatch = session.exec(
        select(PlanDispatch).where(
            PlanDispatch.plan_id == plan.id, PlanDispatch.unit_id == actor.user.unit_id
        )
    ).first()
    return dispatch if dispatch is not None and dispatch.received_on is None else None


def _copy_receipt(unit_plan: Plan, dispatch: PlanDispatch) -> None:
    unit_plan.received_date = dispatch.received_on
    unit_plan.received_source = dispatch.received_source
    unit_plan.due_date = _due(dispatch.received_on)


def _unit_plan(session: Session, movement_id: int, unit_id: int) -> Plan | None:
    query = select(Plan).where(Plan.movement_id == movement_id, Plan.kind == "unit", Plan.unit_id == unit_id)
    return session.exec(query).first()


def _apply_receipt(
    session: Session, actor: Actor, commune_plan: Plan, dispatch: PlanDispatch, action: str
) -> None:
    """Store the receipt and move the school's plan deadline with it, in one transaction, audited."""
    session.add(dispatch)
    unit_plan = _unit_plan(session, commune_plan.movement_id, dispatch.unit_id)
    if unit_plan is not None:
        before = audit.snapshot(unit_plan)
        _copy_receipt(unit_plan, dispatch)
        unit_plan.updated_at = utcnow()
        unit_plan.version += 1
        session.add(unit_plan)
        session.flush()
        audit.record(session, actor, action, unit_plan, before)
    session.flush()
    session.commit()


def acknowledge(session: Session, actor: Actor, plan: Plan) -> PlanDispatch:
    """The school's manager acknowledges receipt: the date is the server's, never typed."""
    dispatch = _pending_dispatch(session, actor, plan)
    if dispatch is None:
        if not access.may_acknowledge(actor, plan):
            raise Forbidden("Chỉ thủ trưởng cơ sở giáo dục xác nhận đã nhận kế hoạch của xã đã ban hành.")
        raise Conflict(
            "Kế hoạch chưa được gửi đến đơn vị hoặc đơn vị đã xác nhận; "
            "chỉ Phòng Văn hóa - Xã hội được đính chính ngày nhận."
        )
    before = audit.snapshot(dispatch)
    dispatch.received_on, dispatch.received_at = today(), utcnow()
    dispatch.received_source, dispatch.recorded_by_id = "app", actor.id
    session.add(dispatch)
    session.flush()
    audit.record(session, actor, "acknowledge", dispatch, before)
    _apply_receipt(session, actor, plan, dispatch, "acknowledge")
    return dispatch


def record_receipt(
    session: Session, actor: Actor, plan: Plan, unit_id: int, data: ReceiptRecord
) -> PlanDispatch:
    """The commune officer records (or corrects, with a reason) a school's receipt from the
    document-exchange system. A receipt after the school's plan submission is refused."""
    access.require(actor, plan, "record_receipt")
    dispatch = session.exec(
        select(PlanDispatch).where(PlanDispatch.plan_id == plan.id, PlanDispatch.unit_id == unit_id)
    ).first()
    if dispatch is None:
        raise NotFound(f"Kế hoạch chưa được gửi đến đơn vị có id {unit_id}.")
    correcting = dispatch.received_on is not None
    if correcting and data.reason is None:
        raise Invalid("body.reason", "Đơn vị đã có ngày nhận: cần nêu lý do đính chính.", "missing")
    if data.received_on > today():
        raise Invalid("body.received_on", "Ngày đến không được sau ngày hôm nay.", "in_future")
    if plan.issue_date is not None and data.received_on < plan.issue_date:
        raise Invalid("body.received_on", "Ngày đến không được trước ngày ban hành kế hoạch.", "before_issue")
    unit_plan = _unit_plan(session, plan.movement_id, unit_id)
    submitted = unit_plan.first_submitted_at if unit_plan else None
    if submitted is not None and data.received_on > submitted.date():
        raise Invalid(
            "body.received_on",
            f"Ngày đến không được sau ngày đơn vị nộp kế hoạch ({submitted.date():%d/%m/%Y}).",
            "after_submission",
        )
    before = audit.snapshot(dispatch)
    dispatch.received_on, dispatch.received_at = data.received_on, utcnow()
    dispatch.received_source, dispatch.incoming_number = "exchange", data.incoming_number
    dispatch.recorded_by_id, dispatch.correction_reason = actor.id, data.reason if correcting else None
    session.add(dispatch)
    session.flush()
    action = "correct_receipt" if correcting else "record_receipt"
    audit.record(session, actor, action, dispatch, before)
    _apply_receipt(session, actor, plan, dispatch, action)
    return dispatch


def dispatches(session: Session, actor: Actor, plan: Plan) -> list[DispatchRead]:
    """Where the commune plan was sent and when each school received it (a school sees its own)."""
    assert plan.id is not None
    query = access.readable_dispatches(actor, plan.id).order_by(col(Unit.code))
    on = today()
    return [
        from_row(DispatchRead, d, unit_name=name, ack_overdue=_ack_overdue(d, on))
        for d, name in session.execute(query).all()
    ]


def _ack_overdue(dispatch: PlanDispatch | None, on: date) -> bool:
    if dispatch is None or dispatch.received_on is not None:
        return False
    return (on - dispatch.sent_at.date()).days > ACK_WITHIN_DAYS


def _pending_adjustment(session: Session, plan: Plan) -> PendingAdjustment | None:
    """The adjustment waiting for review: the last version, when it is an adjustment submission."""
    if plan.kind != "unit" or plan.status != "approved":
        return None
    last = session.exec(
        select(PlanVersion).where(PlanVersion.plan_id == plan.id).order_by(col(PlanVersion.number).desc())
    ).first()
    if last is None or last.event != "adjust_submit":
        return None
    content = last.snapshot.get("content", {})
    return PendingAdjustment(reason=last.comment or "", content=content, submitted_at=last.created_at)


def _actions(session: Session, actor: Actor, plan: Plan) -> list[str]:
    actions = access.allowed_actions(actor, plan)
    if _pending_dispatch(session, actor, plan):
        actions.append("acknowledge")
    pending = _pending_adjustment(session, plan) is not None
    return [
        a
        for a in actions
        if not (pending and a == "adjust")
        and (pending or a not in ("approve_adjustment", "return_adjustment"))
    ]


def _require_adjustment(session: Session, actor: Actor, plan: Plan, action: str, pending: bool) -> None:
    access.require(actor, plan, action)
    if (_pending_adjustment(session, plan) is not None) != pending:
        raise Conflict(
            "Kế hoạch đang có bản điều chỉnh chờ duyệt."
            if not pending
            else "Kế hoạch không có bản điều chỉnh nào chờ duyệt."
        )


def submit_adjustment(session: Session, actor: Actor, plan: Plan, data: AdjustmentIn) -> Plan:
    """A new version with its reason; the approved content stays in force until it is approved."""
    _require_adjustment(session, actor, plan, "adjust", pending=False)
    _validate(session, plan.movement_id, plan.unit_id, data.content)
    _snapshot(session, actor, plan, "adjust_submit", data.reason, data.content.model_dump(mode="json"))
    return audit.save_changes(session, actor, plan, {}, "adjust_submit")


def review_adjustment(session: Session, actor: Actor, plan: Plan, approve: bool, comment: str | None) -> Plan:
    action = "approve_adjustment" if approve else "return_adjustment"
    _require_adjustment(session, actor, plan, action, pending=True)
    pending = _pending_adjustment(session, plan)
    assert pending is not None
    changes = {"content": pending.content} if approve else {}
    event = "adjust_approve" if approve else "adjust_return"
    return _transition(session, actor, plan, action, changes, comment, event)


def overdue_tasks(plan: Plan, on: date) -> list[int]:
    """Tasks past their due date and not done, or done after it (computed, never stored)."""
    late = []
    for n, task in enumerate(plan.content.get("tasks", [])):
        due = date.fromisoformat(task["due_date"])
        done = task.get("done_date") if task.get("status") == "done" else None
        if (done is None and due < on) or (done is not None and date.fromisoformat(done) > due):
            late.append(n)
    return late


def update_progress(session: Session, actor: Actor, plan: Plan, index: int, data: TaskProgress) -> Plan:
    """The school's manager records a task's progress on the approved plan (TC1.2 reads it)."""
    access.require(actor, plan, "update_progress")
    tasks = list(plan.content.get("tasks", []))
    if not 0 <= index < len(tasks):
        raise NotFound(f"Kế hoạch không có nhiệm vụ số {index + 1}.")
    problems: list[FieldError] = []
    if data.status == "done" and data.done_date is None:
        problems.append(
            FieldError(
                path="body.done_date", type="missing", message="Nhiệm vụ đã hoàn thành cần ngày hoàn thành."
            )
        )
    if data.status != "done" and data.done_date is not None:
        message = "Chỉ nhiệm vụ đã hoàn thành mới có ngày hoàn thành."
        problems.append(FieldError(path="body.done_date", type="not_done", message=message))
    if data.done_date is not None and data.done_date > today():
        message = "Ngày hoàn thành không được sau ngày hôm nay."
        problems.append(FieldError(path="body.done_date", type="in_future", message=message))
    if data.done_date is not None and data.done_date < date.fromisoformat(tasks[index]["start_date"]):
        message = "Ngày hoàn thành không được trước ngày bắt đầu nhiệm vụ."
        problems.append(FieldError(path="body.done_date", type="before_start", message=message))
    if problems:
        raise ValidationFailed("Tiến độ chưa hợp lệ; không có gì được lưu.", problems)
    progress = data.model_dump(mode="json")
    if data.status == "done":
        progress["progress_percent"] = 100
    tasks[index] = {**tasks[index], **progress}
    return audit.save_changes(
        session, actor, plan, {"content": {**plan.content, "tasks": tasks}}, "update_progress"
    )


def set_budget(session: Session, actor: Actor, plan: Plan, data: BudgetLinesIn) -> Plan:
    access.require(actor, plan, "edit_budget")
    lines = [line.model_dump(mode="json") for line in data.budget_lines]
    return audit.save_changes(session, actor, plan, {"budget_lines": lines}, "update_budget")


def _snapshot(
    session: Session,
    actor: Actor,
    plan: Plan,
    event: str,
    comment: str | None,
    content: dict[str, Any] | None = None,
) -> None:
    assert plan.id is not None
    session.add(
        PlanVersion(
            plan_id=plan.id,
            number=_count_versions(session, plan.id) + 1,
            event=event,
            comment=comment,
            created_by_id=actor.id,
            snapshot={
                "number": plan.number,
                "title": plan.title,
                "status": plan.status,
                "content": plan.content if content is None else content,
                "budget_lines": plan.budget_lines,
                "received_date": str(plan.received_date or ""),
                "issue_date": str(plan.issue_date or ""),
            },
        )
    )


def _transition(
    session: Session,
    actor: Actor,
    plan: Plan,
    action: str,
    changes: dict[str, Any],
    comment: str | None = None,
    event: str | None = None,
) -> Plan:
    access.require(actor, plan, action)
    before = audit.snapshot(plan)
    for key, value in changes.items():
        setattr(plan, key, value)
    plan.updated_at = utcnow()
    session.add(plan)
    session.flush()
    _snapshot(session, actor, plan, event or action, comment)
    audit.record(session, actor, event or action, plan, before)
    event = {"issue": "plan.issued", "submit": "plan.submitted", "approve": "plan.approved"}.get(action)
    if event:  # the webhook event commits with the change, or not at all
        data = {"plan_id": plan.id, "kind": plan.kind, "movement_id": plan.movement_id, "status": plan.status}
        webhooks.emit(session, event, plan.unit_id, {**data, "number": plan.number, "title": plan.title})
    session.commit()
    return plan


def submit(session: Session, actor: Actor, plan: Plan) -> Plan:
    changes: dict[str, Any] = {"status": "submitted"}
    if plan.received_date is None:
        raise Conflict(
            "Chưa ghi nhận ngày đơn vị nhận kế hoạch của xã: hãy xác nhận đã nhận kế hoạch trước khi nộp."
        )
    if plan.first_submitted_at is None:
        changes["first_submitted_at"] = utcnow()
    return _transition(session, actor, plan, "submit", changes)


def return_plan(session: Session, actor: Actor, plan: Plan, data: ReturnComment) -> Plan:
    return _transition(
        session, actor, plan, "return", {"status": "returned", "return_comment": data.comment}, data.comment
    )


def approve(session: Session, actor: Actor, plan: Plan) -> Plan:
    return _transition(
        session,
        actor,
        plan,
        "approve",
        {"status": "approved", "approved_at": utcnow(), "return_comment": None},
    )


def versions(session: Session, plan: Plan) -> list[PlanVersionRead]:
    rows = session.exec(
        select(PlanVersion).where(PlanVersion.plan_id == plan.id).order_by(col(PlanVersion.number))
    )
    return [PlanVersionRead.model_validate(v, from_attributes=True) for v in rows]


def _progress(plan: Plan | None) -> Decimal | None:
    tasks = plan.content.get("tasks", []) if plan else []
    if not tasks:
        return None
    return (Decimal(sum(int(t.get("progress_percent", 0)) for t in tasks)) / len(tasks)).quantize(CENT)


def tracking(session: Session, actor: Actor, movement_id: int) -> list[TrackingRow]:
    """The commune's table: per school, sent, received, due, submitted, approved and progress. In a
    province deployment: the schools of the movement's commune; the Department names the commune by
    its movement, a commune's user reading another commune's movement gets 404 like a missing one."""
    movement = movements_access.get_readable(session, actor, movement_id)
    query = unit_access.units_in_reach(actor).where(Unit.kind == "school", col(Unit.is_active).is_(True))
    if movement.commune_id is not None:
        query = query.where(col(Unit.id).in_(descendant_unit_ids(session, movement.commune_id)))
    schools = session.exec(query.order_by(col(Unit.code))).all()
    plans = {
        p.unit_id: p
        for p in session.exec(select(Plan).where(Plan.movement_id == movement_id, Plan.kind == "unit"))
    }
    sent = {
        d.unit_id: d
        for d in session.exec(
            select(PlanDispatch)
            .join(Plan, col(Plan.id) == PlanDispatch.plan_id)
            .where(Plan.movement_id == movement_id, Plan.kind == "commune")
            .order_by(col(PlanDispatch.id))
        )
    }
    on = today()
    rows = []
    for school in schools:
        plan, dispatch = plans.get(school.id or 0), sent.get(school.id or 0)
        status, days_left = deadline(plan, on)
        received = dispatch.received_on if dispatch and dispatch.received_on else None
        rows.append(
            TrackingRow(
                unit_id=school.id or 0,
                unit_code=school.code,
                unit_name=school.name,
                plan_id=plan.id if plan else None,
                status=plan.status if plan else None,
                sent_at=dispatch.sent_at if dispatch else None,
                received_date=plan.received_date if plan else received,
                received_source=plan.received_source if plan else (dispatch and dispatch.received_source),
                ack_overdue=_ack_overdue(dispatch, on),
                due_date=plan.due_date if plan else _due(received),
                submitted_at=plan.first_submitted_at if plan else None,
                approved_at=plan.approved_at if plan else None,
                progress_percent=_progress(plan),
                deadline_status=status,
                days_left=days_left,
            )
        )
    return rows


def unacknowledged(session: Session, unit_id: int | None) -> list[tuple[PlanDispatch, Plan, str]]:
    """Dispatches of issued commune plans not yet received (one school's, or all): for reminders."""
    query = (
        select(PlanDispatch, Plan, Unit.name)
        .join(Plan, col(Plan.id) == PlanDispatch.plan_id)
        .join(Unit, col(Unit.id) == PlanDispatch.unit_id)
        .where(col(PlanDispatch.received_on).is_(None), Plan.status == "issued")
    )
    if unit_id is not None:
        query = query.where(PlanDispatch.unit_id == unit_id)
    return [(d, p, name) for d, p, name in session.execute(query).all()]


def ack_due(dispatch: PlanDispatch) -> date:
    return dispatch.sent_at.date() + timedelta(days=ACK_WITHIN_DAYS)
