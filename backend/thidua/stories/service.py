"""Stories of exemplary models (gương điển hình tiên tiến) for the honour board, their images, and the
publication of verified assessment results (công khai kết quả đánh giá, seed IV.6).

A story's body is plain text; paragraphs are separated by blank lines. It is stored as typed and
must be shown as text, never rendered as HTML."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from fastapi import UploadFile
from sqlalchemy import func
from sqlmodel import Session, col, select

from thidua.assessments import evidence as files
from thidua.assessments.models import SelfAssessment
from thidua.audit import service as audit
from thidua.auth.models import User
from thidua.auth.policy import Actor
from thidua.awards.models import Achievement
from thidua.core.errors import Conflict, FieldError, Invalid, NotFound, ValidationFailed
from thidua.core.models import utcnow
from thidua.core.pagination import PageParams, page_of, paginate
from thidua.core.records import from_row
from thidua.core.search import matches
from thidua.frameworks import access as frameworks_access
from thidua.frameworks.models import Framework
from thidua.public import access as public
from thidua.storage import Storage, content_key
from thidua.stories import access
from thidua.stories.models import ResultPublication, Story, StoryImage
from thidua.stories.schemas import (
    FeaturedAchievement,
    FeaturedUnit,
    PublicationCreate,
    PublicationPage,
    PublicationRead,
    StoryCreate,
    StoryImageRead,
    StoryPage,
    StoryRead,
    StoryUpdate,
)
from thidua.units import access as units_access
from thidua.units.models import StaffMember, Unit

MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_IMAGES_PER_STORY = 20
IMAGE_TYPES = frozenset({"image/png", "image/jpeg"})
IMAGE_EXTENSIONS = {"image/png": ".png", "image/jpeg": ".jpg"}


IMAGES_FOLDER = "stories"


def image_key(image: StoryImage) -> str:
    return content_key(IMAGES_FOLDER, image.sha256)


def image_filename(image: StoryImage) -> str:
    """An ASCII name for Content-Disposition; the uploader's file name is never kept."""
    return f"anh-{image.story_id}-{image.id}{IMAGE_EXTENSIONS.get(image.content_type, '')}"


# ---------------------------------------------------------------- names shared with the public pages


def units_by_id(session: Session, ids: Iterable[int]) -> dict[int, Unit]:
    wanted = set(ids)
    if not wanted:
        return {}
    return {u.id: u for u in session.exec(select(Unit).where(col(Unit.id).in_(wanted))) if u.id is not None}


def recipients(session: Session, achievements: Sequence[Achievement]) -> dict[int, tuple[str, str]]:
    """Achievement id -> (recipient name, unit name): the staff member's full name, or the unit's name
    for a collective award."""
    units = units_by_id(session, (a.unit_id for a in achievements))
    staff_ids = {a.staff_id for a in achievements if a.staff_id is not None}
    staff = (
        {
            s.id: s.full_name
            for s in session.exec(select(StaffMember).where(col(StaffMember.id).in_(staff_ids)))
        }
        if staff_ids
        else {}
    )
    found: dict[int, tuple[str, str]] = {}
    for a in achievements:
        unit_name = units[a.unit_id].name if a.unit_id in units else ""
        name = staff.get(a.staff_id, "") if a.staff_id is not None else unit_name
        found[a.id or 0] = (name, unit_name)
    return found


def issued_achievements(session: Session, ids: Sequence[int]) -> list[Achievement]:
    """Achievements issued by the system's decisions (those with a verification code), in `ids` order."""
    if not ids:
        return []
    rows = session.exec(public.issued_achievements().where(col(Achievement.id).in_(set(ids)))).all()
    by_id = {a.id: a for a in rows}
    return [by_id[i] for i in dict.fromkeys(ids) if i in by_id]


# ---------------------------------------------------------------- stories


def _images(session: Session, story_id: int) -> list[StoryImage]:
    return list(
        session.exec(
            select(StoryImage).where(StoryImage.story_id == story_id).order_by(col(StoryImage.id))
        ).all()
    )


def image_read(image: StoryImage) -> StoryImageRead:
    assert image.id is not None
    return from_row(StoryImageRead, image, url=f"/api/v1/stories/{image.story_id}/images/{image.id}")


def read_story(session: Session, actor: Actor, story: Story) -> StoryRead:
    assert story.id is not None
    units = units_by_id(session, story.unit_ids)
    achievements = issued_achievements(session, story.achievement_ids)
    names = recipients(session, achievements)
    author = session.get(User, story.author_id)
    return from_row(
        StoryRead,
        story,
        unit_ids=list(story.unit_ids),
        achievement_ids=list(story.achievement_ids),
        units=[FeaturedUnit(id=i, name=units[i].name) for i in story.unit_ids if i in units],
        achievements=[
            FeaturedAchievement(
                id=a.id or 0,
                recipient_name=names[a.id or 0][0],
                award_name=a.award_name,
                school_year=a.school_year,
            )
            for a in achievements
        ],
        images=[image_read(i) for i in _images(session, story.id)],
        author_name=author.full_name if author else "",
        allowed_actions=access.story_actions(actor, story),
    )


@dataclass(frozen=True)
class StoryFilters:
    status: str | None = None
    q: str | None = None


def list_stories(session: Session, actor: Actor, f: StoryFilters, page: PageParams) -> StoryPage:
    query = access.readable_stories(actor)
    if f.status is not None:
        query = query.where(Story.status == f.status)
    if f.q and f.q.strip():
        query = query.where(matches(f.q, Story.title, Story.summary))
    rows, total = paginate(session, query, page, col(Story.id).desc())
    return page_of(StoryPage, [read_story(session, actor, s) for s in rows], total, page)


def get_story(session: Session, actor: Actor, story_id: int) -> Story:
    return access.get_readable_story(session, actor, story_id)


def _check_references(
    session: Session, actor: Actor, unit_ids: list[int] | None, achievement_ids: list[int] | None
) -> None:
    """Every featured unit and achievement exists; achievements must come from an issued decision
    (a verification code), since only those appear on the honour board."""
    problems: list[FieldError] = []
    if unit_ids:
        units = units_by_id(session, unit_ids)
        seen: set[int] = set()
        for n, unit_id in enumerate(unit_ids):
            path = f"body.unit_ids.{n}"
            if unit_id in seen:
                problems.append(
                    FieldError(path=path, type="duplicate", message="Đơn vị bị trùng trong danh sách.")
                )
            elif unit_id not in units or not units_access.in_commune(actor, unit_id):
                problems.append(
                    FieldError(path=path, type="not_found", message=f"Không tìm thấy đơn vị có id {unit_id}.")
                )
            seen.add(unit_id)
    if achievement_ids:
        found = {
            a.id: a
            for a in session.exec(select(Achievement).where(col(Achievement.id).in_(set(achievement_ids))))
        }
        seen = set()
        for n, achievement_id in enumerate(achievement_ids):
            path = f"body.achievement_ids.{n}"
            achievement = found.get(achievement_id)
            if achievement_id in seen:
                problems.append(
                    FieldError(path=path, type="duplicate", message="Thành tích bị trùng trong danh sách.")
                )
            elif achievement is None or not units_access.in_commune(actor, achievement.unit_id):
                problems.append(
                    FieldError(
                        path=path,
                        type="not_found",
                        message=f"Không tìm thấy thành tích có id {achievement_id}.",
                    )
                )
            elif achievement.verification_code is None:
                problems.append(
                    FieldError(
                        path=path,
                        type="not_issued",
                        message=(
                            "Chỉ nêu được thành tích do quyết định khen thưởng trên hệ thống cấp "
                            "(có mã xác minh); thành tích nhập tay không hiện trên bảng vinh danh."
                        ),
                    )
                )
            seen.add(achievement_id)
    if problems:
        raise ValidationFailed(
            "Danh sách đơn vị hoặc thành tích được nêu chưa hợp lệ; không có gì được lưu.", problems
        )


def create_story(session: Session, actor: Actor, data: StoryCreate) -> Story:
    _check_references(session, actor, data.unit_ids, data.achievement_ids)
    story = Story(
        commune_id=actor.commune_id,
        title=data.title,
        summary=data.summary,
        body=data.body,
        unit_ids=list(data.unit_ids),
        achievement_ids=list(data.achievement_ids),
        author_id=actor.id,
    )
    session.add(story)
    session.flush()
    audit.record(session, actor, "create", story, None)
    session.commit()
    return story


def update_story(session: Session, actor: Actor, story: Story, data: StoryUpdate) -> Story:
    changes: dict[str, Any] = {k: v for k, v in data.model_dump(exclude_unset=True).items() if v is not None}
    _check_references(session, actor, changes.get("unit_ids"), changes.get("achievement_ids"))
    return audit.save_changes(session, actor, story, changes, "update")


def publish(session: Session, actor: Actor, story: Story) -> Story:
    if story.status == "published":
        raise Conflict("Bài viết đã được đăng trên bảng vinh danh.")
    return audit.save_changes(
        session, actor, story, {"status": "published", "published_at": utcnow()}, "publish"
    )


def unpublish(session: Session, actor: Actor, story: Story) -> Story:
    if story.status != "published":
        raise Conflict("Bài viết chưa được đăng nên không có gì để gỡ.")
    return audit.save_changes(session, actor, story, {"status": "draft", "published_at": None}, "unpublish")


def delete_story(session: Session, actor: Actor, story: Story, storage: Storage) -> None:
    if story.status == "published":
        raise Conflict("Bài viết đang hiện trên bảng vinh danh: gỡ bài xuống trước khi xóa.")
    assert story.id is not None
    shas = {i.sha256 for i in _images(session, story.id)}
    audit.record_removal(session, actor, "delete", story)
    session.delete(story)  # its images go with it (ON DELETE CASCADE)
    session.commit()
    _discard_unused(session, storage, shas)


def _touch(session: Session, story: Story) -> None:
    """Image changes move the story's version, so its ETag tells of them."""
    story.updated_at = utcnow()
    session.add(story)


def add_image(
    session: Session, actor: Actor, story: Story, upload: UploadFile, caption: str, storage: Storage
) -> StoryImage:
    assert story.id is not None
    if "\x00" in caption:  # a multipart form field: PostgreSQL cannot store U+0000
        raise Invalid("body.caption", "Chú thích chứa ký tự NUL (\\x00) không hợp lệ.", "invalid_character")
    if len(_images(session, story.id)) >= MAX_IMAGES_PER_STORY:
        raise Conflict(f"Mỗi bài viết có tối đa {MAX_IMAGES_PER_STORY} ảnh; xóa bớt ảnh cũ trước.")
    stored = files.receive(
        upload,
        storage,
        IMAGES_FOLDER,
        max_bytes=MAX_IMAGE_BYTES,
        accept=IMAGE_TYPES,
        too_large=f"Ảnh vượt quá {MAX_IMAGE_BYTES // (1024 * 1024)} MB.",
        unsupported="Chỉ nhận ảnh PNG hoặc JPEG (xét theo nội dung tệp, không theo tên tệp).",
    )
    image = StoryImage(
        story_id=story.id,
        caption=caption,
        content_type=stored.content_type,
        size_bytes=stored.size_bytes,
        sha256=stored.sha256,
    )
    session.add(image)
    _touch(session, story)
    session.flush()
    audit.record(session, actor, "add_image", image, None)
    session.commit()
    return image


def get_image(session: Session, story: Story, image_id: int) -> StoryImage:
    image = session.get(StoryImage, image_id)
    if image is None or image.story_id != story.id:
        raise NotFound(f"Không tìm thấy ảnh có id {image_id} trong bài viết.")
    return image


def remove_image(session: Session, actor: Actor, story: Story, image: StoryImage, storage: Storage) -> None:
    audit.record_removal(session, actor, "remove_image", image)
    session.delete(image)
    _touch(session, story)
    session.commit()
    _discard_unused(session, storage, {image.sha256})


def _discard_unused(session: Session, storage: Storage, shas: set[str]) -> None:
    """Delete stored image files no story uses any more (images of people are not kept for nothing)."""
    if not shas:
        return
    used = set(session.exec(select(StoryImage.sha256).where(col(StoryImage.sha256).in_(shas))).all())
    for sha in shas - used:
        storage.delete(content_key(IMAGES_FOLDER, sha))


# ---------------------------------------------------------------- result publication


def verified_unit_assessments(session: Session, framework_id: int, school_year: str) -> list[SelfAssessment]:
    shown = public.shown_assessments(framework_id, school_year)
    return list(session.exec(shown.order_by(col(SelfAssessment.id))).all())


def _verified_count(session: Session, framework_id: int, school_year: str) -> int:
    shown = public.shown_assessments(framework_id, school_year)
    return int(session.exec(select(func.count()).select_from(shown.subquery())).one())


def read_publication(session: Session, actor: Actor, p: ResultPublication) -> PublicationRead:
    assert p.id is not None
    framework = session.get(Framework, p.framework_id)
    publisher = session.get(User, p.published_by_id)
    return from_row(
        PublicationRead,
        p,
        framework_code=framework.code if framework else "",
        framework_name=framework.name if framework else "",
        framework_version=framework.version_number if framework else 0,
        published_by_name=publisher.full_name if publisher else "",
        verified_count=_verified_count(session, p.framework_id, p.school_year),
        allowed_actions=access.publication_actions(actor),
    )


def list_publications(
    session: Session, actor: Actor, framework_id: int | None, school_year: str | None, page: PageParams
) -> PublicationPage:
    query = access.readable_publications(actor)
    if framework_id is not None:
        query = query.where(ResultPublication.framework_id == framework_id)
    if school_year is not None:
        query = query.where(ResultPublication.school_year == school_year)
    rows, total = paginate(
        session, query, page, col(ResultPublication.published_at).desc(), col(ResultPublication.id).desc()
    )
    return page_of(PublicationPage, [read_publication(session, actor, p) for p in rows], total, page)


def publish_results(session: Session, actor: Actor, data: PublicationCreate) -> ResultPublication:
    framework = frameworks_access.named(session, actor, data.framework_id)
    if framework is None or framework.id is None:
        raise Invalid(
            "body.framework_id", f"Không tìm thấy bảng điểm có id {data.framework_id}.", "not_found"
        )
    if framework.subject_kind != "unit":
        raise Invalid(
            "body.framework_id",
            "Chỉ công khai kết quả của cơ sở giáo dục; kết quả đánh giá cá nhân là dữ liệu cá nhân, "
            "không được công khai.",
            "individual_framework",
        )
    existing = session.exec(
        select(ResultPublication).where(
            ResultPublication.framework_id == framework.id, ResultPublication.school_year == data.school_year
        )
    ).first()
    if existing is not None:
        raise Conflict(
            f"Kết quả bảng điểm '{framework.name}' năm học {data.school_year} đã được công khai "
            f"(công bố số {existing.id})."
        )
    if _verified_count(session, framework.id, data.school_year) == 0:
        raise Invalid(
            "body.school_year",
            f"Năm học {data.school_year} chưa có kết quả nào của bảng điểm này được xác nhận; "
            "chỉ công khai kết quả đã xác nhận.",
            "no_verified_results",
        )
    publication = ResultPublication(
        framework_id=framework.id, school_year=data.school_year, published_by_id=actor.id
    )
    session.add(publication)
    session.flush()
    audit.record(session, actor, "publish", publication, None)
    session.commit()
    return publication


def get_publication(session: Session, actor: Actor, publication_id: int) -> ResultPublication:
    return access.get_readable_publication(session, actor, publication_id)


def withdraw_results(session: Session, actor: Actor, publication: ResultPublication) -> None:
    audit.record_removal(session, actor, "withdraw", publication)
    session.delete(publication)
    session.commit()
