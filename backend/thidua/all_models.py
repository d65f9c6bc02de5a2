"""Imports every table so SQLModel.metadata is complete (Alembic and tests read it)."""

from thidua.activities.models import Activity, Attendance
from thidua.assessments.models import AssessmentEntry, Evidence, ScorecardSnapshot, SelfAssessment
from thidua.audit.models import AuditEvent
from thidua.auth.models import LoginThrottle, User, UserRole
from thidua.frameworks.models import Criterion, Framework, Indicator
from thidua.inspections.models import Inspection, InspectionMember, InspectionUnit, InspectionValue
from thidua.movements.models import ContentArea, Movement, Phase
from thidua.plans.models import Plan, PlanVersion
from thidua.reports.models import Report, ReportRequest, ReportRequestUnit
from thidua.units.models import StaffMember, Unit

__all__ = [
    "Activity",
    "AssessmentEntry",
    "Attendance",
    "AuditEvent",
    "ContentArea",
    "Criterion",
    "Evidence",
    "Framework",
    "Indicator",
    "Inspection",
    "InspectionMember",
    "InspectionUnit",
    "InspectionValue",
    "LoginThrottle",
    "Movement",
    "Phase",
    "Plan",
    "PlanVersion",
    "Report",
    "ReportRequest",
    "ReportRequestUnit",
    "ScorecardSnapshot",
    "SelfAssessment",
    "StaffMember",
    "Unit",
    "User",
    "UserRole",
]
