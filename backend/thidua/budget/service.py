"""The movement's budget (kinh phí): sources per year, allocations, spending with documents.

Rules: no negative amounts (the schemas); a source's allocations never exceed its amount, and its
amount never drops below what is allocated; spending above what an allocation has left needs an
override reason. Every refusal names its field and changes nothing."""

from dataclasses import dataclass
from typing import Any

from fastapi import UploadFile
from sqlalchemy import func
from sqlmodel import Session, col, select

from thidua.assessments.evidence import MAX_EVIDENCE_BYTES, receive, safe_filename
from thidua.audit import service as audit
from thidua.auth.policy import Actor
from thidua.budget import access
from thidua.budget.models import (
    BudgetAllocation,
    BudgetDocument,
    BudgetSource,
    BudgetSpending,
    PartnerContribution,
)
from thidua.budget.schemas import (
    AllocationCreate,
    AllocationPage,
    AllocationRead,
    AllocationUpdate,
    BudgetDocumentRead,
    BudgetSourceCreate,
    BudgetSourcePage,
    BudgetSourceRead,
    BudgetSourceUpdate,
    SpendingCreate,
    SpendingPage,
    SpendingRead,
)
from thidua.core.errors import Conflict, Forbidden, Invalid, NotFound
from thidua.core.pagination import PageParams, page_of, paginate
from thidua.core.records import from_row
from thidua.core.search import where_given
from thidua.movements import access as movements_access
from thidua.storage import Storage, content_key
from thidua.units import access as units_access
from thidua.units.models import Unit

DOCUMENTS_FOLDER = "budget"
SOURCE_LABELS = {"state_budget": "Ngân sách nhà nước", "socialisation": "Xã hội hóa"}
COMMUNE_ACTIVITIES = "Hoạt động của xã"


def money(amount: int) -> str:
    """1500000 -> '1.500.000 đ' (Vietnamese grouping)."""
    return f"{amount:,}".replace(",", ".") + " đ"


def _sum(session: Session, column: Any, *where: Any) -> int:
    total = session.exec(select(func.coalesce(func.sum(column), 0)).where(*where)).one()
    return int(total)


def allocated(session: Session, source_id: int, except_id: int | None = None) -> int:
    where = [BudgetAllocation.source_id == source_id]
    if except_id is not None:
        where.append(BudgetAllocation.id != except_id)
    return _sum(session, BudgetAllocation.amount_vnd, *where)


def spent(session: Session, allocation_id: int) -> int:
    return _sum(session, BudgetSpending.amount_vnd, BudgetSpending.allocation_id == allocation_id)


# ---------------------------------------------------------------- sources


def read_source(session: Session, actor: Actor, s: BudgetSource) -> BudgetSourceRead:
    assert s.id is not None
    contributed = _sum(
        session,
        PartnerContribution.amount_vnd,
        PartnerContribution.source_id == s.id,
        PartnerContribution.kind == "cash",
    )
    return from_row(
        BudgetSourceRead,
        s,
        allocated_vnd=allocated(session, s.id),
        contributed_vnd=contributed,
        allowed_actions=access.source_actions(actor),
    )


@dataclass(frozen=True)
class YearFilter:
    movement_id: int | None = None
    school_year: str | None = None


def list_sources(session: Session, actor: Actor, f: YearFilter, page: PageParams) -> BudgetSourcePage:
    query = where_given(
        access.readable_sources(actor),
        (BudgetSource.movement_id, f.movement_id),
        (BudgetSource.school_year, f.school_year),
    )
    rows, total = paginate(
        session, query, page, col(BudgetSource.school_year).desc(), col(BudgetSource.source), BudgetSource.id
    )
    return page_of(BudgetSourcePage, [read_source(session, actor, s) for s in rows], total, page)


def get_source(session: Session, actor: Actor, source_id: int) -> BudgetSource:
    return access.get_source(session, actor, source_id)


def create_source(session: Session, actor: Actor, data: BudgetSourceCreate) -> BudgetSource:
    if movements_access.named(session, actor, data.movement_id) is None:
        raise Invalid("body.movement_id", f"Không có phong trào có id {data.movement_id}.", "unknown")
    existing = session.exec(
        select(BudgetSource.id).where(
            BudgetSource.movement_id == data.movement_id,
            BudgetSource.school_year == data.school_year,
            BudgetSource.source == data.source,
        )
    ).first()
    if existing is not None:
        raise Invalid(
            "body.source",
            f"Năm học {data.school_year} đã có nguồn {SOURCE_LABELS[data.source]}; "
            "hãy sửa số tiền của nguồn đó.",
            "duplicate",
        )
    return audit.add_new(session, actor, BudgetSource(**data.model_dump(), commune_id=actor.commune_id))


def update_source(session: Session, actor: Actor, s: BudgetSource, data: BudgetSourceUpdate) -> BudgetSource:
    changes = {k: v for k, v in data.model_dump(exclude_unset=True).items() if v is not None}
    assert s.id is not None
    if "amount_vnd" in changes:
        already = allocated(session, s.id)
        if changes["amount_vnd"] < already:
            raise Invalid(
                "body.amount_vnd",
                f"Số tiền không được nhỏ hơn số đã phân bổ ({money(already)}).",
                "below_allocated",
            )
    return audit.save_changes(session, actor, s, changes, "update")


# ---------------------------------------------------------------- allocations


def _unit_names(session: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    return {u.id or 0: u.name for u in session.exec(select(Unit).where(col(Unit.id).in_(ids)))}


def read_allocation(session: Session, actor: Actor, a: BudgetAllocation) -> AllocationRead:
    assert a.id is not None
    s = session.get(BudgetSource, a.source_id)
    assert s is not None
    used = spent(session, a.id)
    names = _unit_names(session, {a.unit_id} if a.unit_id else set())
    return from_row(
        AllocationRead,
        a,
        source=s.source,
        movement_id=s.movement_id,
        school_year=s.school_year,
        unit_name=names.get(a.unit_id) if a.unit_id else None,
        spent_vnd=used,
        remaining_vnd=a.amount_vnd - used,
        allowed_actions=access.allocation_actions(actor, a),
    )


@dataclass(frozen=True)
class AllocationFilter:
    movement_id: int | None = None
    school_year: str | None = None
    source: str | None = None
    unit_id: int | None = None


def _year_sources(f: AllocationFilter) -> object:
    return where_given(
        select(BudgetSource.id),
        (BudgetSource.movement_id, f.movement_id),
        (BudgetSource.school_year, f.school_year),
        (BudgetSource.source, f.source),
    )


def list_allocations(session: Session, actor: Actor, f: AllocationFilter, page: PageParams) -> AllocationPage:
    query = where_given(access.readable_allocations(actor), (BudgetAllocation.unit_id, f.unit_id))
    query = query.where(col(BudgetAllocation.source_id).in_(_year_sources(f)))  # type: ignore[arg-type]
    rows, total = paginate(session, query, page, col(BudgetAllocation.id))
    return page_of(AllocationPage, [read_allocation(session, actor, a) for a in rows], total, page)


def get_allocation(session: Session, actor: Actor, allocation_id: int) -> BudgetAllocation:
    return access.get_allocation(session, actor, allocation_id)


def _check_within_source(session: Session, s: BudgetSource, amount: int, except_id: int | None) -> None:
    assert s.id is not None
    already = allocated(session, s.id, except_id)
    if already + amount > s.amount_vnd:
        left = s.amount_vnd - already
        raise Invalid(
            "body.amount_vnd",
            f"Vượt kinh phí nguồn {SOURCE_LABELS[s.source]} năm học {s.school_year}: "
            f"chỉ còn {money(max(left, 0))} chưa phân bổ.",
            "exceeds_budget",
        )


def create_allocation(session: Session, actor: Actor, data: AllocationCreate) -> BudgetAllocation:
    s = access.source_named(session, actor, data.source_id)
    if s is None:
        raise Invalid("body.source_id", f"Không có nguồn kinh phí có id {data.source_id}.", "unknown")
    if data.unit_id is not None:
        unit = units_access.unit_in_reach(session, actor, data.unit_id)
        if unit is None or unit.kind != "school" or not unit.is_active:
            raise Invalid("body.unit_id", f"Không có cơ sở giáo dục có id {data.unit_id}.", "not_school")
    _check_within_source(session, s, data.amount_vnd, None)
    return audit.add_new(session, actor, BudgetAllocation(**data.model_dump()))


def update_allocation(
    session: Session, actor: Actor, a: BudgetAllocation, data: AllocationUpdate
) -> BudgetAllocation:
    changes = {k: v for k, v in data.model_dump(exclude_unset=True).items() if v is not None}
    assert a.id is not None
    if "amount_vnd" in changes:
        s = session.get(BudgetSource, a.source_id)
        assert s is not None
        _check_within_source(session, s, changes["amount_vnd"], a.id)
        used = spent(session, a.id)
        if changes["amount_vnd"] < used:
            raise Invalid(
                "body.amount_vnd",
                f"Số phân bổ không được nhỏ hơn số đã chi ({money(used)}).",
                "below_spent",
            )
    return audit.save_changes(session, actor, a, changes, "update")


def delete_allocation(session: Session, actor: Actor, a: BudgetAllocation) -> None:
    """Only an allocation nothing was spent from: spending keeps its allocation (409 otherwise)."""
    assert a.id is not None
    used = spent(session, a.id)
    if used > 0:
        raise Conflict(
            f"Đã chi {money(used)} từ khoản phân bổ này; không xóa được. Hãy giảm số phân bổ thay vì xóa.",
        )
    audit.record_removal(session, actor, "delete", a)
    session.delete(a)
    session.commit()


# ---------------------------------------------------------------- spending


def document_key(d: BudgetDocument) -> str:
    return content_key(DOCUMENTS_FOLDER, d.sha256)


def read_spending(session: Session, actor: Actor, sp: BudgetSpending) -> SpendingRead:
    a = session.get(BudgetAllocation, sp.allocation_id)
    assert a is not None and sp.id is not None
    s = session.get(BudgetSource, a.source_id)
    assert s is not None
    docs = session.exec(
        select(BudgetDocument).where(BudgetDocument.spending_id == sp.id).order_by(col(BudgetDocument.id))
    ).all()
    names = _unit_names(session, {a.unit_id} if a.unit_id else set())
    return from_row(
        SpendingRead,
        sp,
        source=s.source,
        school_year=s.school_year,
        unit_id=a.unit_id,
        unit_name=names.get(a.unit_id) if a.unit_id else None,
        allocation_purpose=a.purpose,
        documents=[
            from_row(
                BudgetDocumentRead,
                d,
                download_url=f"/api/v1/budget/spending/{sp.id}/documents/{d.id}",
            )
            for d in docs
        ],
        allowed_actions=access.spending_actions(actor, a),
    )


@dataclass(frozen=True)
class SpendingFilter:
    movement_id: int | None = None
    school_year: str | None = None
    source: str | None = None
    unit_id: int | None = None
    allocation_id: int | None = None


def list_spending(session: Session, actor: Actor, f: SpendingFilter, page: PageParams) -> SpendingPage:
    allocations = where_given(
        select(BudgetAllocation.id),
        (BudgetAllocation.unit_id, f.unit_id),
        (BudgetAllocation.id, f.allocation_id),
    ).where(
        col(BudgetAllocation.source_id).in_(
            _year_sources(AllocationFilter(f.movement_id, f.school_year, f.source))  # type: ignore[arg-type]
        )
    )
    query = access.readable_spending(actor).where(col(BudgetSpending.allocation_id).in_(allocations))
    rows, total = paginate(
        session, query, page, col(BudgetSpending.spent_on).desc(), col(BudgetSpending.id).desc()
    )
    return page_of(SpendingPage, [read_spending(session, actor, sp) for sp in rows], total, page)


def get_spending(session: Session, actor: Actor, spending_id: int) -> BudgetSpending:
    return access.get_spending(session, actor, spending_id)


def _require_spend(actor: Actor, a: BudgetAllocation) -> None:
    if "spend" not in access.allocation_actions(actor, a):
        raise Forbidden("Bạn không được ghi khoản chi cho khoản phân bổ này.")


def record_spending(
    session: Session, actor: Actor, a: BudgetAllocation, data: SpendingCreate
) -> BudgetSpending:
    _require_spend(actor, a)
    assert a.id is not None
    left = a.amount_vnd - spent(session, a.id)
    if data.amount_vnd > left and not data.override_reason:
        raise Invalid(
            "body.override_reason",
            f"Khoản chi {money(data.amount_vnd)} vượt số còn lại của phân bổ ({money(max(left, 0))}); "
            "ghi lý do chi vượt để lưu.",
            "over_allocation",
        )
    row = BudgetSpending(
        allocation_id=a.id,
        **data.model_dump(exclude={"override_reason"}),
        override_reason=data.override_reason if data.amount_vnd > left else None,
        recorded_by_id=actor.id,
    )
    return audit.add_new(session, actor, row)


def add_document(
    session: Session, actor: Actor, sp: BudgetSpending, upload: UploadFile, storage: Storage
) -> BudgetSpending:
    a = session.get(BudgetAllocation, sp.allocation_id)
    assert a is not None and sp.id is not None
    _require_spend(actor, a)
    stored = receive(
        upload,
        storage,
        DOCUMENTS_FOLDER,
        max_bytes=MAX_EVIDENCE_BYTES,
        accept=None,
        too_large=f"Chứng từ vượt quá {MAX_EVIDENCE_BYTES // (1024 * 1024)} MB.",
        unsupported="Chỉ nhận chứng từ PDF, PNG, JPEG, DOCX, XLSX hoặc PPTX (xét theo nội dung tệp).",
    )
    doc = BudgetDocument(
        spending_id=sp.id,
        filename=safe_filename(upload.filename, stored.extension)[:200],
        content_type=stored.content_type,
        size_bytes=stored.size_bytes,
        sha256=stored.sha256,
        uploaded_by_id=actor.id,
    )
    session.add(doc)
    session.flush()
    audit.record(session, actor, "add_document", doc, None)
    # The document changes the spending record: its ETag must go stale.
    return audit.save_changes(session, actor, sp, {}, "add_document")


def get_document(session: Session, sp: BudgetSpending, document_id: int) -> BudgetDocument:
    doc = session.get(BudgetDocument, document_id)
    if doc is None or doc.spending_id != sp.id:
        raise NotFound(f"Không tìm thấy chứng từ có id {document_id}.")
    return doc
