"""A unit's figures from the system, as a report snapshots them: plan progress, activities,
trainings and the unit's scorecard. A phase review (sơ kết 2027, tổng kết 2030) covers every school
year of the phase: activities are summed over them and each year's scorecard is listed; the
headline scorecard and training share are those of the last year."""

from collections import Counter
from typing import Any

from sqlmodel import Session, col, select

from thidua.activities.models import ACTIVITY_KIND_LABELS_VI, Activity, ActivityKind
from thidua.activities.sources import trained_staff_share
from thidua.assessments.models import SelfAssessment
from thidua.auth.policy import descendant_unit_ids
from thidua.core.models import today
from thidua.frameworks.models import Framework
from thidua.plans.models import Plan
from thidua.plans.service import deadline
from thidua.research.service import school_totals
from thidua.scoring import loader
from thidua.scoring.subject import Subject


def _unit_scorecard(
    session: Session, unit_id: int, school_year: str
) -> tuple[str | None, dict[str, Any] | None]:
    assessment = session.exec(
        select(SelfAssessment)
        .join(Framework, col(Framework.id) == SelfAssessment.framework_id)
        .where(
            SelfAssessment.unit_id == unit_id,
            SelfAssessment.subject_kind == "unit",
            SelfAssessment.school_year == school_year,
        )
        .order_by(col(Framework.version_number).desc())
    ).first()
    return (assessment.status, loader.scorecard(session, assessment)[0]) if assessment else (None, None)


def unit_figures(session: Session, unit_id: int, school_years: list[str]) -> dict[str, Any]:
    school_year = school_years[-1]
    units = descendant_unit_ids(session, unit_id)
    plan = session.exec(select(Plan).where(Plan.unit_id == unit_id, Plan.kind == "unit")).first()
    tasks = plan.content.get("tasks", []) if plan else []
    done = [t for t in tasks if t.get("status") == "done"]
    plan_status, _days = deadline(plan, today())
    activities = Counter(
        session.exec(
            select(Activity.kind).where(
                col(Activity.unit_id).in_(units), col(Activity.school_year).in_(school_years)
            )
        ).all()
    )
    by_year = {year: _unit_scorecard(session, unit_id, year) for year in school_years}
    support = school_totals(session, [unit_id], school_years)
    status, card = by_year[school_year]
    return {
        "school_year": school_year,
        "school_years": school_years,
        "plan_status": plan.status if plan else None,
        "plan_deadline_status": plan_status,
        "tasks_total": len(tasks),
        "tasks_done": len(done),
        "tasks_average_progress": round(sum(int(t.get("progress_percent", 0)) for t in tasks) / len(tasks))
        if tasks
        else 0,
        "activities": {kind.value: activities.get(kind.value, 0) for kind in ActivityKind},
        "activities_labels": {kind.value: label for kind, label in ACTIVITY_KIND_LABELS_VI.items()},
        "trained_staff_percent": str(
            trained_staff_share(session, [Subject(unit_id)], school_year)[Subject(unit_id)]
        ),
        "assessment_status": status,
        "verified_total": card["verified_total"] if card else None,
        "completion_percent": card["completion_percent"] if card else None,
        "classification_label": card["classification_label"] if card else None,
        "scorecards_by_year": [
            {
                "school_year": year,
                "assessment_status": st,
                "verified_total": c["verified_total"] if c else None,
                "completion_percent": c["completion_percent"] if c else None,
                "classification_label": c["classification_label"] if c else None,
            }
            for year, (st, c) in by_year.items()
        ],
        # Seed V.4.2: time, money and expertise the school gave its teachers' research in the period.
        "research_support": {
            "supports": support[0].supports if support else 0,
            "initiatives": support[0].initiatives if support else 0,
            "hours": str(support[0].hours) if support else "0.00",
            "money": support[0].money if support else 0,
        },
        "taken_on": today().isoformat(),
    }
