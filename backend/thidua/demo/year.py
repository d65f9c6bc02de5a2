"""The school year 2025-2026 in progress, written through the services the API calls (so the stored
scores, the audit trail and the webhooks' outbox are what real use would leave), as the demo logins:

- plans: the commune plan issued 45 days ago and sent to the ten schools; the commune officer recorded
  seven receipts from the document exchange. Tiểu học Thanh Thủy's plan approved, its progress being
  recorded; Tiểu học Đào Xá's submitted late (waiting for review); Tiểu học Tân Phương's submitted late
  and returned; Mầm non Thanh Thủy's a draft; the three secondary schools have not acknowledged yet.
- the evaluation window of 2025-2026 contains today (widened when the demo loads outside 1 May – 31 July),
  so the officer can verify: Tiểu học Thanh Thủy's self-assessment verified and its results published,
  Tiểu học Đào Xá's reviewed (one value corrected, waiting for verification), Mầm non Thanh Thủy's submitted
  (waiting for review), Tiểu học Tân Phương's a draft.
- a semester report request due in 15 days: two schools submitted, one draft, seven to write.
- the open award round: the council met; Tiểu học Thanh Thủy's collective certificate approved and granted
  by an issued decision (certificate and verification code, the honour board, a published story),
  Mầm non Thanh Thủy's reviewed by the council (waiting for the leader), Tiểu học Đào Xá's submitted
  (waiting for the council).

THCS Thanh Thủy stays untouched (no plan, no self-assessment, no nomination): the browser tests and
the README walk through its first steps."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlmodel import Session, col, select

from thidua.activities import service as activities
from thidua.activities.models import ActivityKind
from thidua.activities.schemas import ActivityCreate, AttendeeIn
from thidua.assessments import evidence
from thidua.assessments import service as assessments
from thidua.assessments.models import SelfAssessment
from thidua.assessments.schemas import (
    AssessmentCreate,
    EntriesUpdate,
    EntryInput,
    LinkEvidenceIn,
    ReviewInput,
)
from thidua.assessments.schemas import ReviewUpdate as AssessmentReview
from thidua.auth.models import User
from thidua.auth.policy import Actor, load_actor
from thidua.awards.councils import service as councils
from thidua.awards.councils.schemas import CouncilMeetingCreate
from thidua.awards.decisions import service as decisions
from thidua.awards.decisions.schemas import DecisionCreate
from thidua.awards.models import Achievement, AwardLevel, AwardRound, Nomination
from thidua.awards.nominations import service as nominations
from thidua.awards.nominations.schemas import ApproveInput, NominationCreate
from thidua.awards.schemas import ReviewInput as CouncilVote
from thidua.core.models import today
from thidua.demo import commune_plan
from thidua.frameworks.models import Framework, Indicator
from thidua.initiatives import service as initiatives
from thidua.initiatives.models import InitiativeKind, RecognitionLevel
from thidua.initiatives.schemas import AuthorIn, InitiativeCreate, RecognitionIn
from thidua.movements import service as movements
from thidua.movements.models import Movement
from thidua.movements.schemas import EvaluationWindowUpdate
from thidua.plans import service as plans
from thidua.plans.models import Plan
from thidua.plans.schemas import (
    PlanContent,
    PlanCreate,
    PlanIssue,
    ReceiptRecord,
    ReturnComment,
    TaskProgress,
)
from thidua.reports import service as reports
from thidua.reports.schemas import ReportCreate, ReportRequestCreate, ReportUpdate
from thidua.stories import service as stories
from thidua.stories.schemas import PublicationCreate, StoryCreate
from thidua.units.models import StaffMember, Unit

YEAR = "2025-2026"
# Receipts recorded from the document exchange, in days before today: 42 days ago is past the 30-day
# deadline (a plan submitted today is late), 10 days ago leaves 20 days.
LATE_RECEIPT = ("TH-DX", "TH-TP")
RECENT_RECEIPT = ("MN-TT", "MN-DX", "MN-ST", "TH-TT", "TH-HX")
SIGNER = "Trần Văn Thành"


@dataclass
class Demo:
    session: Session
    movement: Movement
    schools: dict[str, Unit]

    def actor(self, login: str) -> Actor:
        user = self.session.exec(select(User).where(User.login == login)).one()
        return load_actor(self.session, user)

    def school(self, code: str) -> int:
        unit_id = self.schools[code].id
        assert unit_id is not None
        return unit_id

    def staff(self, code: str) -> StaffMember:
        return self.session.exec(select(StaffMember).where(StaffMember.code == code)).one()


def load_year(session: Session) -> int:
    """Writes the year once (when no commune plan exists yet); returns 1 when it did, else 0."""
    movement = session.exec(select(Movement)).first()
    if movement is None or session.exec(select(Plan.id).where(Plan.kind == "commune")).first() is not None:
        return 0
    schools = {u.code: u for u in session.exec(select(Unit).where(Unit.kind == "school"))}
    demo = Demo(session, movement, schools)
    load_plans(demo)
    load_activities(demo)
    load_self_assessments(demo)
    load_reports(demo)
    load_awards(demo)
    return 1


# ---------------------------------------------------------------- plans


def _anchor() -> date:
    """The day the school plans' tasks are dated from: today, or the end of 2025-2026's evaluation
    window when the demo loads later, so the tasks fall in the school year their score counts."""
    return min(today(), movements.default_window(YEAR)[1])


def _task(title: str, start: int, due: int, owner: int | None = None) -> dict[str, object]:
    return {
        "title": title,
        "owner_staff_id": owner,
        "start_date": str(_anchor() + timedelta(days=start)),
        "due_date": str(_anchor() + timedelta(days=due)),
    }


def _school_plan(demo: Demo, login: str, code: str, number: str, deputy: str) -> Plan:
    head = demo.actor(login)
    owner = demo.staff(deputy).id
    content = PlanContent.model_validate(
        {
            "objectives": "100% cán bộ, giáo viên được bồi dưỡng kỹ năng số cơ bản; 100% giáo viên sử dụng "
            "hệ thống quản lý học tập.",
            "solutions": "Bồi dưỡng theo tổ chuyên môn; giáo viên cốt cán hỗ trợ đồng nghiệp.",
            "responsibilities": "Hiệu trưởng chỉ đạo chung; Phó Hiệu trưởng và các tổ trưởng chuyên môn tổ "
            "chức thực hiện.",
            "tasks": [
                _task("Tổ chức Lễ phát động Phong trào", -10, -2, owner),
                _task("Bồi dưỡng kỹ năng số cho giáo viên", -5, 40, owner),
                _task("Xây dựng kho học liệu số của trường", 10, 120, owner),
            ],
        }
    )
    title = "Kế hoạch thực hiện Phong trào thi đua chuyển đổi số năm học 2025-2026"
    assert demo.movement.id is not None
    return plans.create_plan(
        demo.session,
        head,
        PlanCreate(
            movement_id=demo.movement.id,
            unit_id=demo.school(code),
            number=number,
            title=title,
            content=content,
        ),
    )


def load_plans(demo: Demo) -> None:
    session, officer = demo.session, demo.actor("vhxh")
    commune = session.exec(select(Unit).where(Unit.kind == "commune")).one()
    assert demo.movement.id is not None
    plan = plans.create_plan(
        session,
        officer,
        PlanCreate(
            movement_id=demo.movement.id,
            unit_id=commune.id,
            title=commune_plan.TITLE,
            content=PlanContent(sections=commune_plan.SECTIONS),
        ),
    )
    issue = PlanIssue(
        number=commune_plan.DEMO_NUMBER,
        issue_date=today() - timedelta(days=45),
        signer_name=commune_plan.DEMO_SIGNER,
        signer_title=commune_plan.SIGNER_TITLE,
        channel="exchange",
    )
    plan = plans.issue(session, officer, plan, issue)
    for n, code in enumerate(LATE_RECEIPT + RECENT_RECEIPT, start=141):
        days = 42 if code in LATE_RECEIPT else 10
        receipt = ReceiptRecord(received_on=today() - timedelta(days=days), incoming_number=str(n))
        plans.record_receipt(session, officer, plan, demo.school(code), receipt)

    # Tiểu học Thanh Thủy: on time, approved, the launch done and the training under way.
    head = demo.actor("hieutruong.th")
    th = _school_plan(demo, "hieutruong.th", "TH-TT", "08/KH-THTT", "TH-TT-02")
    th = plans.approve(session, officer, plans.submit(session, head, th))
    done = TaskProgress(
        status="done",
        progress_percent=100,
        done_date=_anchor() - timedelta(days=3),
        result_note="100% giáo viên tham dự",
    )
    th = plans.update_progress(session, head, th, 0, done)
    plans.update_progress(session, head, th, 1, TaskProgress(status="in_progress", progress_percent=40))

    # Tiểu học Đào Xá: received 42 days ago, submitted today, 12 days late; waiting for the officer.
    dx = _school_plan(demo, "hieutruong.thdx", "TH-DX", "11/KH-THDX", "TH-DX-02")
    plans.submit(session, demo.actor("hieutruong.thdx"), dx)

    # Tiểu học Tân Phương: late as well, then returned with the officer's comment.
    tp = _school_plan(demo, "hieutruong.thtp", "TH-TP", "09/KH-THTP", "TH-TP-02")
    tp = plans.submit(session, demo.actor("hieutruong.thtp"), tp)
    comment = "Bổ sung chỉ tiêu cụ thể cho từng tổ chuyên môn và lộ trình theo từng tháng."
    plans.return_plan(session, officer, tp, ReturnComment(comment=comment))

    # Mầm non Thanh Thủy: received 10 days ago, the plan being drafted.
    _school_plan(demo, "hieutruong.mn", "MN-TT", "05/KH-MNTT", "MN-TT-02")


# ---------------------------------------------------------------- activities and initiatives


def load_activities(demo: Demo) -> None:
    """Tiểu học Thanh Thủy's year beyond the award history: every member trained, a second seminar,
    two extracurricular sessions, and a third initiative recognised at commune level."""
    session, head = demo.session, demo.actor("hieutruong.th")
    staff = session.exec(
        select(StaffMember).where(col(StaffMember.code).startswith("TH-TT-")).order_by(col(StaffMember.code))
    ).all()
    everyone = [AttendeeIn(staff_id=s.id or 0) for s in staff]
    day = min(today(), movements.default_window(YEAR)[0]) - timedelta(days=30)
    for kind, title, attendees, learners in (
        (ActivityKind.training, "Bồi dưỡng kỹ năng số cơ bản cho toàn trường", everyone, 0),
        (ActivityKind.seminar, "Sinh hoạt chuyên đề: an toàn thông tin trong nhà trường", everyone, 0),
        (ActivityKind.extracurricular, "Ngoại khóa: Em làm quen với máy tính", [], 120),
        (ActivityKind.extracurricular, "Ngoại khóa: An toàn khi sử dụng Internet", [], 150),
    ):
        day += timedelta(days=7)
        activities.create_activity(
            session,
            head,
            ActivityCreate(
                unit_id=demo.school("TH-TT"),
                kind=kind,
                title=title,
                activity_date=day,
                learner_count=learners,
                attendees=attendees,
            ),
        )
    author = demo.staff("TH-TT-02")
    initiative = initiatives.create_initiative(
        session,
        head,
        InitiativeCreate(
            unit_id=demo.school("TH-TT"),
            kind=InitiativeKind.solution,
            title="Sổ liên lạc điện tử kết nối nhà trường với cha mẹ học sinh",
            summary="Thông báo kết quả học tập và lịch hoạt động qua ứng dụng; giảm 80% giấy tờ in.",
            school_year=YEAR,
            authors=[AuthorIn(staff_id=author.id or 0, share_percent=Decimal(100))],
        ),
    )
    recognition = RecognitionIn(
        recognition_level=RecognitionLevel.commune,
        recognition_decision="21/QĐ-UBND",
        recognition_date=day,
        recognised_by="Hội đồng sáng kiến UBND xã Thanh Thủy",
    )
    initiatives.recognise(session, demo.actor("vhxh"), initiative, recognition)


# ---------------------------------------------------------------- self-assessments


def _values(session: Session, framework_id: int, percent: int, skip: tuple[str, ...]) -> list[EntryInput]:
    """A value for every typed indicator but `skip`: the target, the given percentage, the highest level."""
    values = []
    for ind in session.exec(
        select(Indicator).where(Indicator.framework_id == framework_id).order_by(col(Indicator.code))
    ):
        if ind.kind == "computed" or ind.code in skip:
            continue
        if ind.kind == "percent":
            value = Decimal(percent)
        elif ind.kind == "level":
            value = max(Decimal(level["value"]) for level in ind.levels)
        elif ind.kind == "boolean":
            value = Decimal(1)
        else:
            value = Decimal(0) if ind.direction == "lower" else Decimal(ind.target or 0)
        values.append(EntryInput(indicator_code=ind.code, value=value))
    return values


def _self_assessment(
    demo: Demo, login: str, code: str, framework: Framework, percent: int, submit: bool = True
) -> SelfAssessment:
    """Filled and submitted with its evidence; or (submit False) a draft with two values and the
    evidence still missing, for the form's list of what is missing."""
    session, head = demo.session, demo.actor(login)
    assert framework.id is not None
    a = assessments.create_assessment(
        session,
        head,
        AssessmentCreate(framework_id=framework.id, school_year=YEAR, unit_id=demo.school(code)),
    )
    values = _values(session, framework.id, percent, () if submit else ("TC2.3", "TC2.4"))
    a = assessments.update_entries(session, head, a, EntriesUpdate(entries=values))
    if not submit:
        return a
    site = code.lower()
    for ind in session.exec(
        select(Indicator).where(Indicator.framework_id == framework.id, col(Indicator.evidence_required))
    ):
        link = LinkEvidenceIn(
            indicator_code=ind.code,
            url=f"https://{site}.thanhthuy.edu.vn/minh-chung/{ind.code}",
            title=f"Minh chứng {ind.code}",
        )
        evidence.add_link(session, head, a, link)
    return assessments.submit(session, head, a)


def load_self_assessments(demo: Demo) -> None:
    session, officer = demo.session, demo.actor("vhxh")
    framework = session.exec(
        select(Framework).where(Framework.subject_kind == "unit", Framework.status == "active")
    ).one()
    assert demo.movement.id is not None
    window = movements.get_window(session, demo.movement, YEAR)
    if not window.is_open():  # the demo loaded outside 1 May – 31 July: the officer widens the window
        starts = min(window.starts_on, today() - timedelta(days=30))
        ends = max(window.ends_on, today() + timedelta(days=30))
        movements.update_window(
            session, officer, demo.movement, window, EvaluationWindowUpdate(starts_on=starts, ends_on=ends)
        )

    th = _self_assessment(demo, "hieutruong.th", "TH-TT", framework, 95)
    note = "Theo số liệu hệ thống quản lý học tập tháng gần nhất: 90% giáo viên sử dụng thường xuyên."
    th = assessments.review(
        session,
        officer,
        th,
        AssessmentReview(
            entries=[ReviewInput(indicator_code="TC2.1", verified_value=Decimal(90), comment=note)]
        ),
    )
    assessments.verify(session, officer, th)

    dx = _self_assessment(demo, "hieutruong.thdx", "TH-DX", framework, 85)
    note = "Biên bản kiểm tra ghi nhận 15 học liệu số được chia sẻ, chưa đủ 20."
    assessments.review(
        session,
        officer,
        dx,
        AssessmentReview(
            entries=[ReviewInput(indicator_code="TC2.3", verified_value=Decimal(15), comment=note)]
        ),
    )
    _self_assessment(demo, "hieutruong.mn", "MN-TT", framework, 80)
    _self_assessment(demo, "hieutruong.thtp", "TH-TP", framework, 70, submit=False)
    assert framework.id is not None
    stories.publish_results(session, officer, PublicationCreate(framework_id=framework.id, school_year=YEAR))


# ---------------------------------------------------------------- reports


def load_reports(demo: Demo) -> None:
    session, officer = demo.session, demo.actor("vhxh")
    assert demo.movement.id is not None
    request = reports.create_request(
        session,
        officer,
        ReportRequestCreate(
            movement_id=demo.movement.id,
            kind="semester",
            title="Báo cáo sơ kết học kỳ I năm học 2025-2026",
            period_label="Học kỳ I",
            school_year=YEAR,
            due_date=today() + timedelta(days=15),
            note="Nêu kết quả, khó khăn và đề xuất; số liệu lấy từ hệ thống.",
            unit_ids=[demo.school(s) for s in sorted(demo.schools)],
        ),
    )
    assert request.id is not None
    for login, code, submit in (
        ("hieutruong.th", "TH-TT", True),
        ("hieutruong.thdx", "TH-DX", True),
        ("hieutruong.mn", "MN-TT", False),
    ):
        head = demo.actor(login)
        report = reports.create_report(
            session, head, ReportCreate(request_id=request.id, unit_id=demo.school(code))
        )
        text = ReportUpdate(
            results="Tổ chức Lễ phát động; 100% giáo viên tham gia bồi dưỡng kỹ năng số; "
            "kho học liệu số dùng chung.",
            difficulties="Thiết bị trình chiếu ở một số lớp đã cũ; đường truyền Internet chưa ổn định.",
            proposals="Đề nghị UBND xã hỗ trợ kinh phí nâng cấp đường truyền Internet.",
        )
        report = reports.update_report(session, head, report, text)
        if submit:
            reports.submit_report(session, head, report)


# ---------------------------------------------------------------- awards


def load_awards(demo: Demo) -> None:
    session = demo.session
    officer, leader = demo.actor("vhxh"), demo.actor("chutich")
    rnd = session.exec(select(AwardRound).where(AwardRound.school_year == YEAR)).first()
    if rnd is None or rnd.id is None:
        return
    meeting = councils.create_meeting(
        session,
        officer,
        CouncilMeetingCreate(
            round_id=rnd.id,
            held_on=today() - timedelta(days=2),
            location="Hội trường UBND xã",
            chair=SIGNER,
            secretary="Nguyễn Thị Thu Hà",
            members_present=[SIGNER, "Nguyễn Thị Thu Hà", "Lê Minh Tuấn", "Phạm Thị Lan", "Hoàng Văn Nam"],
            members_total=7,
        ),
    )
    assert meeting.id is not None
    vote = CouncilVote(meeting_id=meeting.id, votes_for=5, votes_cast=5, comment="Hội đồng nhất trí đề nghị.")

    def nominate(login: str, code: str, justification: str) -> Nomination:
        head = demo.actor(login)
        n = nominations.create_nomination(
            session,
            head,
            NominationCreate(
                round_id=rnd.id or 0,
                award_type_code="GK-XA-TT",
                unit_id=demo.school(code),
                justification=justification,
            ),
        )
        return nominations.submit(session, head, n)

    granted = nominate(
        "hieutruong.th",
        "TH-TT",
        "Hoàn thành xuất sắc Phong trào: 100% giáo viên được bồi dưỡng kỹ năng số, sáng kiến cấp xã.",
    )
    granted = nominations.review(session, officer, granted, vote)
    outcome = nominations.read_nomination(session, leader, granted, live=True)
    reason = None if outcome.eligibility.eligible else "Hội đồng Thi đua - Khen thưởng xã nhất trí đề nghị."
    granted = nominations.approve(session, leader, granted, ApproveInput(override_reason=reason))
    decision = decisions.create_decision(
        session,
        officer,
        DecisionCreate(
            round_id=rnd.id,
            level=AwardLevel.commune,
            number="98/QĐ-UBND",
            signed_on=today() - timedelta(days=1),
            signer_name=SIGNER,
            signer_title="Chủ tịch",
            nomination_ids=[granted.id or 0],
        ),
    )
    decisions.issue(session, leader, decision)

    waiting = nominate(
        "hieutruong.mn",
        "MN-TT",
        "Trường đầu tiên của xã dùng sổ theo dõi trẻ điện tử; 100% giáo viên dùng học liệu số.",
    )
    nominations.review(session, officer, waiting, vote)
    nominate("hieutruong.thdx", "TH-DX", "Xây dựng thư viện số dùng chung cho các trường tiểu học trong xã.")

    achievement = session.exec(select(Achievement).where(Achievement.nomination_id == granted.id)).one()
    author = demo.actor("truyenthong")
    story = stories.create_story(
        session,
        author,
        StoryCreate(
            title="Trường Tiểu học Thanh Thủy: chuyển đổi số từ lớp học đến sổ liên lạc",
            summary="Tập thể nhà trường được Chủ tịch UBND xã tặng Giấy khen năm học 2025-2026.",
            body="Năm học 2025-2026, 100% cán bộ, giáo viên của trường được bồi dưỡng kỹ năng số. Sáng kiến "
            "sổ liên lạc điện tử được Hội đồng sáng kiến xã công nhận và đang được các trường bạn học tập.",
            unit_ids=[demo.school("TH-TT")],
            achievement_ids=[achievement.id or 0],
        ),
    )
    stories.publish(session, author, story)
    stories.create_story(
        session,
        author,
        StoryCreate(
            title="Mầm non Thanh Thủy số hóa sổ theo dõi trẻ",
            summary="Bài viết đang soạn, chờ kết quả xét khen thưởng.",
            body="Giáo viên ghi nhận sự tiến bộ của trẻ trên ứng dụng; cha mẹ xem được hằng ngày.",
            unit_ids=[demo.school("MN-TT")],
        ),
    )
