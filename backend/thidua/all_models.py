"""Imports every table so SQLModel.metadata is complete (Alembic and tests read it), and the start-up
registrations (thidua/registrations.py) with them."""

import thidua.registrations  # noqa: F401 - computed-indicator sources and access rules into scoring
from thidua.activities.models import Activity, ActivityPartner, Attendance
from thidua.apikeys.models import ApiKey
from thidua.assessments.models import (
    AssessmentEntry,
    EarlyVerification,
    Evidence,
    ScorecardSnapshot,
    SelfAssessment,
)
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
from thidua.budget.models import (
    BudgetAllocation,
    BudgetDocument,
    BudgetSource,
    BudgetSpending,
    Partner,
    PartnerAgreement,
    PartnerContribution,
)
from thidua.communications.models import CommsOutput, CommsPlan, InfoCorner, StoryProposal
from thidua.conduct.models import Flag, StaffRating
from thidua.core.ratelimit import RateCount
from thidua.dti.models import DtiAssessment, DtiValue
from thidua.frameworks.models import Criterion, Framework, Indicator
from thidua.generated.models import GeneratedFile
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
    InspectionVisit,
)
from thidua.materials.models import LearningMaterial
from thidua.movements.models import ContentArea, EvaluationWindow, Movement, Phase
from thidua.plans.models import Plan, PlanDispatch, PlanVersion
from thidua.reports.models import Report, ReportRequest, ReportRequestUnit
from thidua.research.models import ResearchSupport
from thidua.scoring.models import AssessmentScore, ContentAreaScore, CriterionScore
from thidua.steering.models import (
    SteeringAssignment,
    SteeringAssignmentUnit,
    SteeringCommittee,
    SteeringMember,
)
from thidua.stories.models import ResultPublication, Story, StoryImage
from thidua.units.models import StaffMember, Unit
from thidua.webhooks.models import WebhookDelivery, WebhookSubscription

__all__ = [
    "Achievement",
    "Activity",
    "ActivityPartner",
    "ApiKey",
    "AssessmentEntry",
    "AssessmentScore",
    "Attendance",
    "AuditEvent",
    "AwardDecision",
    "AwardRound",
    "AwardType",
    "BaseSalary",
    "BudgetAllocation",
    "BudgetDocument",
    "BudgetSource",
    "BudgetSpending",
    "CommsOutput",
    "CommsPlan",
    "ContentArea",
    "ContentAreaScore",
    "CouncilMeeting",
    "Criterion",
    "CriterionScore",
    "DtiAssessment",
    "DtiValue",
    "EarlyVerification",
    "EvaluationWindow",
    "Evidence",
    "Flag",
    "Framework",
    "GeneratedFile",
    "IdempotencyRecord",
    "ImportJob",
    "Indicator",
    "InfoCorner",
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
    "InspectionVisit",
    "LearningMaterial",
    "LoginThrottle",
    "Movement",
    "Nomination",
    "Partner",
    "PartnerAgreement",
    "PartnerContribution",
    "Phase",
    "Plan",
    "PlanDispatch",
    "PlanVersion",
    "RateCount",
    "Report",
    "ReportRequest",
    "ReportRequestUnit",
    "ResearchSupport",
    "ResultPublication",
    "ScorecardSnapshot",
    "SelfAssessment",
    "StaffMember",
    "StaffRating",
    "SteeringAssignment",
    "SteeringAssignmentUnit",
    "SteeringCommittee",
    "SteeringMember",
    "Story",
    "StoryImage",
    "StoryProposal",
    "Unit",
    "User",
    "UserRole",
    "WebhookDelivery",
    "WebhookSubscription",
]
