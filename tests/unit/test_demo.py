"""The demo commune loads on a fresh database, loads again without changes, and has a login per role."""

from decimal import Decimal
from pathlib import Path

import pytest
from pydantic import SecretStr
from sqlmodel import Session, SQLModel, col, func, select

from thidua.assessments.models import SelfAssessment
from thidua.audit.models import AuditEvent
from thidua.auth.models import User, UserRole
from thidua.auth.passwords import verify_password
from thidua.auth.roles import Role
from thidua.awards.models import Achievement, AwardDecision, Nomination
from thidua.budget.models import BudgetSpending, Partner, PartnerContribution
from thidua.cli import main as cli_main
from thidua.cli import migrate
from thidua.communications.models import CommsOutput, CommsPlan
from thidua.config import Settings
from thidua.db import make_engine
from thidua.demo.data import DEMO_PASSWORD
from thidua.demo.loader import load_demo
from thidua.inspections import documents as inspection_documents
from thidua.inspections.models import Inspection, InspectionFinding, InspectionPlanItem, InspectionVisit
from thidua.materials.models import LearningMaterial
from thidua.plans.models import Plan, PlanDispatch
from thidua.reports.models import ConsolidatedIssue, Report, ReportRequest
from thidua.research.service import school_totals
from thidua.steering.models import SteeringAssignment, SteeringCommittee, SteeringMember
from thidua.stories.models import ResultPublication, Story
from thidua.units.models import StaffMember, Unit


def test_demo_commune_is_complete_and_idempotent(tmp_path: Path) -> None:
    settings = Settings(
        var_dir=tmp_path, database_url=f"sqlite:///{tmp_path / 'demo.db'}", secret_key=SecretStr("d" * 40)
    )
    migrate(settings)
    assert load_demo(settings) == {
        "units": 44,
        "staff": 150,
        "users": 13,
        "frameworks": 2,
        "award_history": 1,
        "budget": 1,
        "steering": 1,
        "dti_results": 2,
        "communications": 1,
        "inspections": 1,
        "year": 1,
        "province": 1,
    }
    again = {
        "units": 0,
        "staff": 0,
        "users": 0,
        "frameworks": 0,
        "award_history": 0,
        "budget": 0,
        "steering": 0,
        "dti_results": 0,
        "communications": 0,
        "inspections": 0,
        "year": 0,
        "province": 0,
    }
    assert load_demo(settings) == again

    engine = make_engine(settings.resolved_database_url)
    with Session(engine) as session:
        kinds = dict(session.exec(select(Unit.kind, func.count()).group_by(Unit.kind)).all())
        # Thanh Thủy and, in the province around it (demo/province.py), the Department and Sơn Hà.
        assert kinds == {"department": 1, "commune": 2, "office": 4, "school": 13, "subject_group": 30}
        levels = set(session.exec(select(Unit.school_level).where(Unit.kind == "school")).all())
        assert levels == {"preschool", "primary", "lower_secondary", "inter_level"}
        # 150 school staff and the two commune officials on the Ban chỉ đạo; 9 at Sơn Hà's schools.
        assert session.exec(select(func.count()).select_from(StaffMember)).one() == 161
        roles = set(session.exec(select(UserRole.role)).all())
        assert roles == {r.value for r in Role}
        principal = session.exec(select(User).where(User.login == "hieutruong.thcs")).one()
        assert verify_password(DEMO_PASSWORD, principal.password_hash)
        linked = session.exec(select(StaffMember).where(StaffMember.user_id == principal.id)).one()
        assert linked.position == "Hiệu trưởng" and linked.full_name == principal.full_name
        # The commune plan issued 45 days ago and sent to the 10 schools; 7 receipts recorded from the
        # document exchange, the 3 secondary schools not yet.
        commune = session.exec(select(Plan).where(Plan.kind == "commune")).one()
        assert (commune.status, commune.number) == ("issued", "12/KH-UBND")
        received = session.exec(
            select(PlanDispatch.received_on).where(PlanDispatch.plan_id == commune.id)
        ).all()
        assert (len(received), sum(r is not None for r in received)) == (10, 7)
        # The schools' plans in every state: approved with progress, submitted late, returned, a draft.
        school_plans = {
            code: (
                plan.status,
                plan.first_submitted_at is not None
                and plan.due_date is not None
                and plan.first_submitted_at.date() > plan.due_date,
            )
            for plan, code in session.exec(
                select(Plan, Unit.code).join(Unit, col(Unit.id) == Plan.unit_id).where(Plan.kind == "unit")
            )
        }
        assert school_plans == {
            "TH-TT": ("approved", False),
            "TH-DX": ("submitted", True),
            "TH-TP": ("returned", True),
            "MN-TT": ("draft", False),
        }
        approved = session.exec(
            select(Plan).join(Unit, col(Unit.id) == Plan.unit_id).where(Unit.code == "TH-TT")
        ).one()
        statuses = [t["status"] for t in approved.content["tasks"]]
        assert statuses == ["done", "in_progress", "not_started"]
        # The school self-assessments of 2025-2026: verified, reviewed, submitted, draft; one published year.
        assessed = dict(
            session.exec(
                select(Unit.code, SelfAssessment.status)
                .join(Unit, col(Unit.id) == SelfAssessment.unit_id)
                .where(SelfAssessment.subject_kind == "unit")
            ).all()
        )
        assert assessed == {
            "TH-TT": "verified",
            "TH-DX": "submitted",
            "MN-TT": "submitted",
            "TH-TP": "draft",
            "TH-SH": "submitted",
            "THCS-SH": "submitted",
        }
        # Every commune-level row belongs to a commune: Thanh Thủy's, made before the wall, claimed.
        # Units and staff take theirs from the tree: only the Department and the communes sit in none.
        for table in SQLModel.metadata.sorted_tables:
            if "commune_id" in table.c and table.name not in ("unit", "staff_member"):
                unowned = select(func.count()).select_from(table).where(table.c.commune_id.is_(None))
                assert session.exec(unowned).one() == 0, table.name  # type: ignore[call-overload]
        outside = session.exec(select(Unit.kind).where(col(Unit.commune_id).is_(None))).all()
        assert sorted(outside) == ["commune", "commune", "department"]
        staff_outside = (
            select(func.count()).select_from(StaffMember).where(col(StaffMember.commune_id).is_(None))
        )
        assert session.exec(staff_outside).one() == 0
        # The Department's inbox: Thanh Thủy's semester report received, Sơn Hà's missing.
        issued = session.exec(
            select(Unit.code)
            .join(ReportRequest, col(ReportRequest.commune_id) == Unit.id)
            .join(ConsolidatedIssue, col(ConsolidatedIssue.request_id) == ReportRequest.id)
        ).all()
        assert issued == ["UBND-TT"]
        asked = session.exec(
            select(Unit.code)
            .join(ReportRequest, col(ReportRequest.commune_id) == Unit.id)
            .order_by(Unit.code)
        ).all()
        assert asked == ["UBND-SH", "UBND-TT"]
        assert session.exec(select(func.count()).select_from(ResultPublication)).one() == 1
        # The semester report: two of ten submitted, one draft.
        report_states = sorted(session.exec(select(Report.status)).all())
        assert report_states == ["draft", "submitted", "submitted"]
        # The round: one nomination decided (in an issued decision with its certificate), one waiting
        # for the leader, one for the council; a published story on the award and a draft.
        waiting = sorted(session.exec(select(Nomination.status)).all())
        assert waiting == ["decided", "reviewed", "submitted"]
        decision = session.exec(select(AwardDecision)).one()
        assert (decision.number, decision.status) == ("98/QĐ-UBND", "issued")
        certificate = session.exec(select(Achievement).where(Achievement.decision_id == decision.id)).one()
        assert certificate.verification_code is not None
        assert sorted(session.exec(select(Story.status)).all()) == ["draft", "published"]
        # Everything was written through the services: each step has its audit event.
        actions = set(session.exec(select(AuditEvent.action)).all())
        assert {
            "issue",
            "record_receipt",
            "submit",
            "return",
            "approve",
            "update_progress",
            "verify",
        } <= actions
        # The Ban chỉ đạo: six members, four assignments; three supports at two schools.
        committee = session.exec(select(SteeringCommittee)).one()
        assert committee.decision_number == "125/QĐ-UBND"
        assert session.exec(select(func.count()).select_from(SteeringMember)).one() == 6
        assert session.exec(select(func.count()).select_from(SteeringAssignment)).one() == 4
        totals = {t.unit_code: (t.supports, t.hours, t.money) for t in school_totals(session, None, None)}
        assert totals == {
            "THCS-TT": (2, Decimal("32.00"), 6_500_000),
            "TH-TT": (1, Decimal("12.50"), 2_000_000),
        }
        # Communications: this school year's plan with six outputs logged; four shared materials.
        plan = session.exec(select(CommsPlan)).one()
        outputs = session.exec(select(CommsOutput.channel).where(CommsOutput.plan_id == plan.id)).all()
        assert sorted(outputs) == ["bulletin", "conference", "portal", "radio", "radio", "social"]
        assert session.exec(select(func.count()).select_from(LearningMaterial)).one() == 4
        # Issue 17's "Done when": an inspection with findings and minutes, the plan's visit it made; a
        # budget with spending; partners with contributions.
        inspection = session.exec(select(Inspection)).one()
        assert inspection.status == "closed"
        findings = session.exec(
            select(InspectionFinding).where(InspectionFinding.inspection_id == inspection.id)
        )
        assert len(findings.all()) == 2
        school = session.exec(select(Unit).where(Unit.code == "THCS-TT")).one()
        assert school.id is not None
        assert inspection_documents.minutes(session, inspection, school.id)[:2] == b"PK"
        visit = session.exec(select(InspectionVisit)).one()
        item = session.get(InspectionPlanItem, visit.plan_item_id)
        assert item is not None and (visit.inspection_id, item.unit_id) == (inspection.id, school.id)
        spent = session.exec(select(func.sum(BudgetSpending.amount_vnd))).one()
        assert spent == 45_600_000 + 18_500_000 + 12_000_000 + 9_800_000
        assert session.exec(select(func.count()).select_from(Partner)).one() == 3
        assert session.exec(select(func.sum(PartnerContribution.amount_vnd))).one() == 42_000_000
    engine.dispose()


def test_demo_scores_match_a_recomputation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`python -m thidua.cli verify-scores` on a fresh demo: every stored score is what the engine
    computes from the data the services wrote."""
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    settings = Settings(var_dir=tmp_path, database_url=url, secret_key=SecretStr("d" * 40))
    migrate(settings)
    load_demo(settings)
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("VAR_DIR", str(tmp_path))
    assert cli_main(["verify-scores"]) == 0
    assert "0 difference(s)" in capsys.readouterr().out


def test_demo_award_history_gives_one_eligible_and_one_failing_nominee(tmp_path: Path) -> None:
    """The demo the browser tests and a first visitor use: at THCS Thanh Thủy, teacher 05 passes every
    rule of the commune chairman's certificate, 06 fails only the open-flag rule, 07 qualifies for the
    unit head's certificate only."""
    from thidua.awards.models import AwardRound
    from thidua.awards.nominations import eligibility as nominations
    from thidua.awards.types.service import active_award_type

    settings = Settings(
        var_dir=tmp_path, database_url=f"sqlite:///{tmp_path / 'demo.db'}", secret_key=SecretStr("d" * 40)
    )
    migrate(settings)
    load_demo(settings)
    engine = make_engine(settings.resolved_database_url)
    with Session(engine) as session:
        rnd = session.exec(select(AwardRound)).one()
        staff = {
            s.code: s for s in session.exec(select(StaffMember).where(StaffMember.code.startswith("TH-TT-0")))
        }

        def check(code: str, award: str) -> list[bool]:
            t = active_award_type(session, award, rnd.commune_id)  # the round's commune's version
            assert t is not None
            member = staff[code]
            result = nominations.evaluate(session, nominations.Candidate(rnd, t, member.unit_id, member.id))
            return [o.passed for o in result.outcomes]

        assert check("TH-TT-05", "GK-XA-CN") == [True, True, True, True]
        assert check("TH-TT-06", "GK-XA-CN") == [True, True, False, True]
        # 07 has recognised works (materials and an article) but a total below "xuất sắc"
        assert check("TH-TT-07", "GK-XA-CN")[:2] == [False, True]
        assert check("TH-TT-07", "GK-DV-CN") == [True, True]
    engine.dispose()
