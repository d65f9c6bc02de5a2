"""A unit's figures from the system, as a report snapshots them: plan progress, activities,
trainings and the unit's scorecard for the school year."""

from collections import Counter
from typing import Any

from sqlmodel import Session, col, select

from thidua.activities.models import ACTIVITY_KIND_LABELS_VI, Activity, ActivityKind
from thidua.activities.sources import trained_staff_share
from thidua.assessments.models import SelfAssessment
from thidua.auth.policy import descendant_unit_ids
from thidua.frameworks.models import Framework
from thidua.plans.models import Plan
from thidua.plans.service import deadline, today
from thidua.scoring import loader
from thidua.scoring.subject import Subject


def unit_figures(session: Session, unit_id: int, school_year: str) -> dict[str, Any]:
    units = descendant_unit_ids(session, unit_id)
    plan = session.exec(select(Plan).where(Plan.unit_id == unit_id, Plan.kind == "unit")).first()
    tasks = plan.content.get("tasks", []) if plan else []
    done = [t for t in tasks if t.get("status") == "done"]
    plan_status, _days = deadline(plan, today())
    activities = Counter(
        session.exec(
            select(Activity.kind).where(col(Activity.unit_id).in_(units), Activity.school_year == school_year)
        ).all()
    )
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
    card = loader.scorecard(session, assessment)[0] if assessment else None
    return {
        "school_year": school_year,
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
        "assessment_status": assessment.status if assessment else None,
        "verified_total": card["verified_total"] if card else None,
        "completion_percent": card["completion_percent"] if card else None,
        "classification_label": card["classification_label"] if card else None,
        "taken_on": today().isoformat(),
    }
