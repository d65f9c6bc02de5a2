"""Imports every table so SQLModel.metadata is complete (Alembic and tests read it), and the start-up
registrations (thidua/registrations.py) with them."""

import thidua.registrations  # noqa: F401 - computed-indicator sources and access rules into scoring
from thidua.activities.models import Activity, Attendance
from thidua.apikeys.models import ApiKey
from thidua.assessments.models import AssessmentEntry, Evidence, ScorecardSnapshot, SelfAssessment
from thidua.audit.models import AuditEvent
from thidua.auth.models import LoginThrottle, User, UserRole
from thidua.awards.models import (
    Achievement,
    AwardDecision,
    AwardRound,
    AwardType,
    BaseSalary,
    CouncilMeeting,
    Nomination,
)
from thidua.conduct.models import Flag, StaffRating
from thidua.core.ratelimit import RateCount
from thidua.frameworks.models import Criterion, Framework, Indicator
from thidua.imports.models import IdempotencyRecord, ImportJob
from thidua.initiatives.models import Initiative, InitiativeAuthor
from thidua.inspections.models import (
    Inspection,
    InspectionDecision,
    InspectionFinding,
    InspectionLead,
    InspectionMember,
    InspectionPlan,
    InspectionPlanItem,
    InspectionUnit,
    InspectionValue,
)
from thidua.movements.models import ContentArea, Movement, Phase
from thidua.plans.models import Plan, PlanDispatch, PlanVersion
from thidua.reports.models import Report, ReportRequest, ReportRequestUnit
from thidua.scoring.models import AssessmentScore, ContentAreaScore, CriterionScore
from thidua.stories.models import ResultPublication, Story, StoryImage
from thidua.units.models import StaffMember, Unit
from thidua.webhooks.models import WebhookDelivery, WebhookSubscription

__all__ = [
    "Achievement",
    "Activity",
    "ApiKey",
    "AssessmentEntry",
    "AssessmentScore",
    "Attendance",
    "AuditEvent",
    "AwardDecision",
    "AwardRound",
    "AwardType",
    "BaseSalary",
    "ContentArea",
    "ContentAreaScore",
    "CouncilMeeting",
    "Criterion",
    "CriterionScore",
    "Evidence",
    "Flag",
    "Framework",
    "IdempotencyRecord",
    "ImportJob",
    "Indicator",
    "Initiative",
    "InitiativeAuthor",
    "Inspection",
    "InspectionDecision",
    "InspectionFinding",
    "InspectionLead",
    "InspectionMember",
    "InspectionPlan",
    "InspectionPlanItem",
    "InspectionUnit",
    "InspectionValue",
    "LoginThrottle",
    "Movement",
    "Nomination",
    "Phase",
    "Plan",
    "PlanDispatch",
    "PlanVersion",
    "RateCount",
    "Report",
    "ReportRequest",
    "ReportRequestUnit",
    "ResultPublication",
    "ScorecardSnapshot",
    "SelfAssessment",
    "StaffMember",
    "StaffRating",
    "Story",
    "StoryImage",
    "Unit",
    "User",
    "UserRole",
    "WebhookDelivery",
    "WebhookSubscription",
]
