"""Communications (seed IV.2, V.2, V.4.3): the yearly plan with targets per channel, the log of outputs,
story proposals from the schools (draft → submitted → returned/published) and the schools' info corners."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from fastapi import UploadFile
from sqlalchemy import func
from sqlmodel import Session, col, select

from thidua.activities.service import school_year_of
from thidua.assessments import evidence as files
from thidua.audit import service as audit
from thidua.auth.models import User
from thidua.auth.policy import Actor
from thidua.communications import access
from thidua.communications.models import (
    CHANNEL_LABELS_VI,
    Channel,
    CommsOutput,
    CommsPlan,
    InfoCorner,
    StoryProposal,
)
from thidua.communications.schemas import (
    ChannelTargetIn,
    ChannelTargetRead,
    CommsOutputCreate,
    CommsOutputPage,
    CommsOutputRead,
    CommsOutputUpdate,
    CommsPlanCreate,
    CommsPlanPage,
    CommsPlanRead,
    CommsPlanUpdate,
    InfoCornerIn,
    InfoCornerPage,
    InfoCornerRead,
    ProposalCreate,
    ProposalPage,
    ProposalRead,
    ProposalUpdate,
)
from thidua.core.errors import Conflict, FieldError, Forbidden, Invalid, NotFound
from thidua.core.models import same_commune, utcnow
from thidua.core.pagination import PageParams, page_of, paginate
from thidua.core.records import from_row
from thidua.core.search import matches, where_given
from thidua.storage import Storage, content_key
from thidua.stories.models import Story
from thidua.units import access as units_access
from thidua.units.models import Unit

MAX_OUTPUT_FILE_BYTES = files.MAX_EVIDENCE_BYTES
OUTPUTS_FOLDER = "communications"


def _targets(items: list[ChannelTargetIn]) -> dict[str, int]:
    return {t.channel.value: t.target for t in items}


# ---------------------------------------------------------------- plans


def read_plan(session: Session, actor: Actor, plan: CommsPlan) -> CommsPlanRead:
    assert plan.id is not None
    rows = session.exec(
        select(CommsOutput.channel, func.count(), func.coalesce(func.sum(CommsOutput.reach), 0))
        .where(CommsOutput.plan_id == plan.id)
        .group_by(col(CommsOutput.channel))
    ).all()
    done = {channel: (int(n), int(reach or 0)) for channel, n, reach in rows}
    channels = [c for c in Channel if c.value in plan.targets or c.value in done]
    return from_row(
        CommsPlanRead,
        plan,
        targets=[
            ChannelTargetRead(
                channel=c,
                channel_label=CHANNEL_LABELS_VI[c],
                target=plan.targets.get(c.value, 0),
                done=done.get(c.value, (0, 0))[0],
                reach=done.get(c.value, (0, 0))[1],
            )
            for c in channels
        ],
        output_count=sum(n for n, _ in done.values()),
        allowed_actions=access.plan_actions(actor),
    )


def list_plans(session: Session, actor: Actor, school_year: str | None, page: PageParams) -> CommsPlanPage:
    query = where_given(access.readable_plans(actor), (CommsPlan.school_year, school_year))
    rows, total = paginate(session, query, page, col(CommsPlan.school_year).desc(), col(CommsPlan.id))
    return page_of(CommsPlanPage, [read_plan(session, actor, p) for p in rows], total, page)


def get_plan(session: Session, actor: Actor, plan_id: int) -> CommsPlan:
    return access.get_plan(session, actor, plan_id)


def create_plan(session: Session, actor: Actor, data: CommsPlanCreate) -> CommsPlan:
    existing = session.exec(
        select(CommsPlan).where(
            CommsPlan.school_year == data.school_year, same_commune(CommsPlan.commune_id, actor.commune_id)
        )
    ).first()
    if existing is not None:
        raise Conflict(
            f"Năm học {data.school_year} đã có kế hoạch truyền thông (số {existing.id}); hãy sửa kế hoạch đó."
        )
    plan = CommsPlan(
        commune_id=actor.commune_id,
        school_year=data.school_year,
        title=data.title,
        note=data.note,
        targets=_targets(data.targets),
        created_by_id=actor.id,
    )
    return audit.add_new(session, actor, plan)


def update_plan(session: Session, actor: Actor, plan: CommsPlan, data: CommsPlanUpdate) -> CommsPlan:
    changes: dict[str, Any] = {
        k: v for k, v in data.model_dump(exclude_unset=True, exclude={"targets"}).items() if v is not None
    }
    if data.targets is not None:
        changes["targets"] = _targets(data.targets)
    return audit.save_changes(session, actor, plan, changes, "update")


# ---------------------------------------------------------------- outputs


def output_filename(output: CommsOutput) -> str:
    return output.file_name or f"san-pham-{output.id}"


def read_output(session: Session, actor: Actor, output: CommsOutput) -> CommsOutputRead:
    plan = session.get(CommsPlan, output.plan_id)
    return from_row(
        CommsOutputRead,
        output,
        school_year=plan.school_year if plan else "",
        channel=Channel(output.channel),
        channel_label=CHANNEL_LABELS_VI[Channel(output.channel)],
        file_url=f"/api/v1/communications/outputs/{output.id}/file" if output.file_sha256 else None,
        allowed_actions=access.output_actions(actor),
    )


@dataclass(frozen=True)
class OutputFilters:
    plan_id: int | None = None
    channel: str | None = None
    q: str | None = None


def list_outputs(session: Session, actor: Actor, f: OutputFilters, page: PageParams) -> CommsOutputPage:
    query = where_given(
        access.readable_outputs(actor), (CommsOutput.plan_id, f.plan_id), (CommsOutput.channel, f.channel)
    )
    if f.q and f.q.strip():
        query = query.where(matches(f.q, CommsOutput.title))
    rows, total = paginate(
        session, query, page, col(CommsOutput.output_date).desc(), col(CommsOutput.id).desc()
    )
    return page_of(CommsOutputPage, [read_output(session, actor, o) for o in rows], total, page)


def get_output(session: Session, actor: Actor, output_id: int) -> CommsOutput:
    return access.get_output(session, actor, output_id)


def _check_date(plan: CommsPlan, day: date) -> None:
    if school_year_of(day) != plan.school_year:
        raise Invalid(
            "body.output_date",
            f"Ngày {day.strftime('%d/%m/%Y')} không thuộc năm học {plan.school_year} của kế hoạch "
            "(năm học tính từ 01/9 đến 31/8).",
            "outside_school_year",
        )


def create_output(session: Session, actor: Actor, data: CommsOutputCreate) -> CommsOutput:
    plan = access.plan_named(session, actor, data.plan_id)
    if plan is None:
        raise Invalid(
            "body.plan_id", f"Không tìm thấy kế hoạch truyền thông có id {data.plan_id}.", "not_found"
        )
    _check_date(plan, data.output_date)
    output = CommsOutput(
        plan_id=data.plan_id,
        channel=data.channel.value,
        output_date=data.output_date,
        title=data.title,
        url=data.url,
        reach=data.reach,
        note=data.note,
        created_by_id=actor.id,
    )
    return audit.add_new(session, actor, output)


def update_output(
    session: Session, actor: Actor, output: CommsOutput, data: CommsOutputUpdate
) -> CommsOutput:
    sent = data.model_dump(exclude_unset=True)
    changes: dict[str, Any] = {k: v for k, v in sent.items() if v is not None or k in ("url", "reach")}
    if "channel" in changes:
        changes["channel"] = data.channel.value if data.channel else output.channel
    if data.output_date is not None:
        plan = session.get(CommsPlan, output.plan_id)
        assert plan is not None
        _check_date(plan, data.output_date)
    return audit.save_changes(session, actor, output, changes, "update")


def delete_output(session: Session, actor: Actor, output: CommsOutput, storage: Storage) -> None:
    sha = output.file_sha256
    audit.record_removal(session, actor, "delete", output)
    session.delete(output)
    session.commit()
    _discard_unused(session, storage, sha)


def attach_file(
    session: Session, actor: Actor, output: CommsOutput, upload: UploadFile, storage: Storage
) -> CommsOutput:
    stored = files.receive(
        upload,
        storage,
        OUTPUTS_FOLDER,
        max_bytes=MAX_OUTPUT_FILE_BYTES,
        accept=None,
        too_large=f"Tệp vượt quá {MAX_OUTPUT_FILE_BYTES // (1024 * 1024)} MB.",
        unsupported="Chỉ nhận tệp PDF, PNG, JPEG, DOCX, XLSX hoặc PPTX (xét theo nội dung tệp).",
    )
    old = output.file_sha256
    changed = audit.save_changes(
        session,
        actor,
        output,
        {
            "file_sha256": stored.sha256,
            "file_content_type": stored.content_type,
            "file_size_bytes": stored.size_bytes,
            "file_name": files.safe_filename(upload.filename, stored.extension),
        },
        "attach_file",
    )
    if old and old != stored.sha256:
        _discard_unused(session, storage, old)
    return changed


def output_file_key(output: CommsOutput) -> str:
    if not output.file_sha256:
        raise NotFound("Sản phẩm này không có tệp đính kèm.")
    return content_key(OUTPUTS_FOLDER, output.file_sha256)


def _discard_unused(session: Session, storage: Storage, sha: str | None) -> None:
    if sha and session.exec(select(CommsOutput.id).where(CommsOutput.file_sha256 == sha)).first() is None:
        storage.delete(content_key(OUTPUTS_FOLDER, sha))


# ---------------------------------------------------------------- story proposals


def read_proposal(session: Session, actor: Actor, p: StoryProposal) -> ProposalRead:
    unit = session.get(Unit, p.unit_id)
    author = session.get(User, p.author_id)
    return from_row(
        ProposalRead,
        p,
        unit_name=unit.name if unit else "",
        author_name=author.full_name if author else "",
        allowed_actions=access.proposal_actions(actor, p),
    )


def list_proposals(
    session: Session, actor: Actor, status: str | None, unit_id: int | None, page: PageParams
) -> ProposalPage:
    query = where_given(
        access.readable_proposals(actor), (StoryProposal.status, status), (StoryProposal.unit_id, unit_id)
    )
    rows, total = paginate(session, query, page, col(StoryProposal.updated_at).desc(), col(StoryProposal.id))
    return page_of(ProposalPage, [read_proposal(session, actor, p) for p in rows], total, page)


def get_proposal(session: Session, actor: Actor, proposal_id: int) -> StoryProposal:
    return access.get_proposal(session, actor, proposal_id)


def create_proposal(session: Session, actor: Actor, data: ProposalCreate) -> StoryProposal:
    unit_id = data.unit_id if data.unit_id is not None else actor.user.unit_id
    if unit_id is None:
        raise Invalid("body.unit_id", "Chọn trường đề xuất bài viết.", "missing")
    if units_access.unit_in_reach(session, actor, unit_id) is None:
        raise Invalid("body.unit_id", f"Không tìm thấy đơn vị có id {unit_id}.", "not_found")
    proposal = StoryProposal(
        unit_id=unit_id, title=data.title, summary=data.summary, body=data.body, author_id=actor.id
    )
    return audit.add_new(session, actor, proposal)


def _require(actor: Actor, p: StoryProposal, action: str, state_message: str) -> None:
    if action not in access.proposal_actions(actor, p):
        raise Conflict(state_message)


def update_proposal(session: Session, actor: Actor, p: StoryProposal, data: ProposalUpdate) -> StoryProposal:
    _require(actor, p, "update", "Bài đã gửi hoặc đã đăng thì trường không sửa được nữa.")
    changes = {k: v for k, v in data.model_dump(exclude_unset=True).items() if v is not None}
    return audit.save_changes(session, actor, p, changes, "update")


def submit_proposal(session: Session, actor: Actor, p: StoryProposal) -> StoryProposal:
    _require(actor, p, "submit", "Bài đã được gửi hoặc đã đăng.")
    return audit.save_changes(session, actor, p, {"status": "submitted", "submitted_at": utcnow()}, "submit")


def _not_own(actor: Actor, p: StoryProposal) -> None:
    if p.author_id == actor.id:
        raise Forbidden(
            "Bài đề xuất phải do người khác duyệt: người viết không tự trả lại hay tự đăng bài của mình.",
            errors=[
                FieldError(
                    path="author_id",
                    type="own_proposal",
                    message="Người viết bài không được tự duyệt bài của mình.",
                )
            ],
        )


def return_proposal(session: Session, actor: Actor, p: StoryProposal, note: str) -> StoryProposal:
    _not_own(actor, p)
    _require(actor, p, "return", "Chỉ trả lại được bài trường đã gửi và chưa đăng.")
    return audit.save_changes(session, actor, p, {"status": "returned", "review_note": note}, "return")


def publish_proposal(session: Session, actor: Actor, p: StoryProposal) -> StoryProposal:
    _not_own(actor, p)
    _require(actor, p, "publish", "Chỉ đăng được bài trường đã gửi và chưa đăng.")
    story = Story(
        commune_id=actor.commune_id,
        title=p.title,
        summary=p.summary,
        body=p.body,
        unit_ids=[p.unit_id],
        achievement_ids=[],
        status="published",
        published_at=utcnow(),
        author_id=actor.id,
    )
    session.add(story)
    session.flush()
    audit.record(session, actor, "publish", story, None)
    return audit.save_changes(session, actor, p, {"status": "published", "story_id": story.id}, "publish")


# ---------------------------------------------------------------- info corners


def read_corner(session: Session, actor: Actor, corner: InfoCorner) -> InfoCornerRead:
    unit = session.get(Unit, corner.unit_id)
    return from_row(
        InfoCornerRead,
        corner,
        unit_name=unit.name if unit else "",
        allowed_actions=access.corner_actions(actor, corner.unit_id),
    )


def list_corners(session: Session, actor: Actor, page: PageParams) -> InfoCornerPage:
    rows, total = paginate(session, access.readable_corners(actor), page, col(InfoCorner.unit_id))
    return page_of(InfoCornerPage, [read_corner(session, actor, c) for c in rows], total, page)


def _editable_unit(session: Session, actor: Actor, unit_id: int) -> Unit:
    unit = units_access.unit_in_reach(session, actor, unit_id)
    if unit is None:
        raise NotFound(f"Không tìm thấy đơn vị có id {unit_id}.")
    return unit


def find_corner(session: Session, actor: Actor, unit_id: int) -> InfoCorner | None:
    """The unit's info corner (None: not recorded yet); a unit out of the caller's reach is 404."""
    _editable_unit(session, actor, unit_id)
    return session.exec(select(InfoCorner).where(InfoCorner.unit_id == unit_id)).first()


def get_corner(session: Session, unit_id: int) -> InfoCorner:
    corner = session.exec(select(InfoCorner).where(InfoCorner.unit_id == unit_id)).first()
    if corner is None:
        raise NotFound("Đơn vị chưa ghi đường dẫn chuyên mục thông tin trên website.")
    return corner


def put_corner(
    session: Session, actor: Actor, unit_id: int, corner: InfoCorner | None, data: InfoCornerIn
) -> InfoCorner:
    if corner is None:
        return audit.add_new(
            session,
            actor,
            InfoCorner(unit_id=unit_id, url=data.url, title=data.title, updated_by_id=actor.id),
        )
    changes = {"url": data.url, "title": data.title, "updated_by_id": actor.id}
    return audit.save_changes(session, actor, corner, changes, "update")


def delete_corner(session: Session, actor: Actor, corner: InfoCorner) -> None:
    audit.record_removal(session, actor, "delete", corner)
    session.delete(corner)
    session.commit()
