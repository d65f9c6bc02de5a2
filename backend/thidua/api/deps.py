"""What a route takes, as types: the session, the caller holding one permission, and the version it edits.

A route reads like its contract:

    def update_plan(plan_id: PathId, body: PlanUpdate, actor: PlansWriteActor, session: SessionDep,
                    if_match: IfMatch, etag: ETag) -> PlanRead:
        plan = if_match(service.get_plan(session, actor, plan_id))   # 428 / 412 before any change
        return etag(plan.version, service.read_plan(session, actor, service.update_plan(...)))

Every permission has exactly one alias below (a test checks the list against `Permission`), and the
alias carries the route's policy, so the route table test still finds one policy on every route.
"""

from typing import Annotated, Protocol, TypeVar

from fastapi import Depends, Header, Response
from sqlmodel import Session

from thidua.auth.policy import AUTHENTICATED, Actor, allow
from thidua.auth.roles import Permission
from thidua.core.concurrency import IF_MATCH_DESCRIPTION, check_version, set_etag
from thidua.core.pagination import PageParams, page_params
from thidua.db import get_session

SessionDep = Annotated[Session, Depends(get_session)]
Page = Annotated[PageParams, Depends(page_params)]

# Any signed-in user or API key, whatever its permissions (one's own account, the to-do list).
SignedInActor = Annotated[Actor, Depends(AUTHENTICATED)]

UnitsReadActor = Annotated[Actor, Depends(allow(Permission.units_read))]
UnitsWriteActor = Annotated[Actor, Depends(allow(Permission.units_write))]
StaffReadActor = Annotated[Actor, Depends(allow(Permission.staff_read))]
StaffWriteActor = Annotated[Actor, Depends(allow(Permission.staff_write))]
UsersManageActor = Annotated[Actor, Depends(allow(Permission.users_manage))]
AuditReadActor = Annotated[Actor, Depends(allow(Permission.audit_read))]
MovementsReadActor = Annotated[Actor, Depends(allow(Permission.movements_read))]
MovementsWriteActor = Annotated[Actor, Depends(allow(Permission.movements_write))]
FrameworksReadActor = Annotated[Actor, Depends(allow(Permission.frameworks_read))]
FrameworksWriteActor = Annotated[Actor, Depends(allow(Permission.frameworks_write))]
AssessmentsReadActor = Annotated[Actor, Depends(allow(Permission.assessments_read))]
AssessmentsFillActor = Annotated[Actor, Depends(allow(Permission.assessments_fill))]
AssessmentsReviewActor = Annotated[Actor, Depends(allow(Permission.assessments_review))]
AssessmentsCloseEarlyActor = Annotated[Actor, Depends(allow(Permission.assessments_close_early))]
InspectionsReadActor = Annotated[Actor, Depends(allow(Permission.inspections_read))]
InspectionsRecordActor = Annotated[Actor, Depends(allow(Permission.inspections_record))]
InspectionsManageActor = Annotated[Actor, Depends(allow(Permission.inspections_manage))]
InspectionsRespondActor = Annotated[Actor, Depends(allow(Permission.inspections_respond))]
ScorecardsReadActor = Annotated[Actor, Depends(allow(Permission.scorecards_read))]
ActivitiesReadActor = Annotated[Actor, Depends(allow(Permission.activities_read))]
ActivitiesWriteActor = Annotated[Actor, Depends(allow(Permission.activities_write))]
PlansReadActor = Annotated[Actor, Depends(allow(Permission.plans_read))]
PlansWriteActor = Annotated[Actor, Depends(allow(Permission.plans_write))]
PlansReviewActor = Annotated[Actor, Depends(allow(Permission.plans_review))]
PlansBudgetActor = Annotated[Actor, Depends(allow(Permission.plans_budget))]
PlansTrackActor = Annotated[Actor, Depends(allow(Permission.plans_track))]
ReportsReadActor = Annotated[Actor, Depends(allow(Permission.reports_read))]
ReportsWriteActor = Annotated[Actor, Depends(allow(Permission.reports_write))]
ReportsManageActor = Annotated[Actor, Depends(allow(Permission.reports_manage))]
InitiativesReadActor = Annotated[Actor, Depends(allow(Permission.initiatives_read))]
InitiativesWriteActor = Annotated[Actor, Depends(allow(Permission.initiatives_write))]
InitiativesRecogniseActor = Annotated[Actor, Depends(allow(Permission.initiatives_recognise))]
ConductReadActor = Annotated[Actor, Depends(allow(Permission.conduct_read))]
RatingsWriteActor = Annotated[Actor, Depends(allow(Permission.ratings_write))]
FlagsWriteActor = Annotated[Actor, Depends(allow(Permission.flags_write))]
AwardTypesReadActor = Annotated[Actor, Depends(allow(Permission.award_types_read))]
AwardTypesWriteActor = Annotated[Actor, Depends(allow(Permission.award_types_write))]
AwardRoundsReadActor = Annotated[Actor, Depends(allow(Permission.award_rounds_read))]
AwardRoundsWriteActor = Annotated[Actor, Depends(allow(Permission.award_rounds_write))]
NominationsReadActor = Annotated[Actor, Depends(allow(Permission.nominations_read))]
NominationsWriteActor = Annotated[Actor, Depends(allow(Permission.nominations_write))]
NominationsReviewActor = Annotated[Actor, Depends(allow(Permission.nominations_review))]
NominationsApproveActor = Annotated[Actor, Depends(allow(Permission.nominations_approve))]
CouncilReadActor = Annotated[Actor, Depends(allow(Permission.council_read))]
DecisionsReadActor = Annotated[Actor, Depends(allow(Permission.decisions_read))]
DecisionsWriteActor = Annotated[Actor, Depends(allow(Permission.decisions_write))]
CashReadActor = Annotated[Actor, Depends(allow(Permission.cash_read))]
AchievementsReadActor = Annotated[Actor, Depends(allow(Permission.achievements_read))]
AchievementsWriteActor = Annotated[Actor, Depends(allow(Permission.achievements_write))]
StoriesReadActor = Annotated[Actor, Depends(allow(Permission.stories_read))]
StoriesWriteActor = Annotated[Actor, Depends(allow(Permission.stories_write))]
ResultsPublishActor = Annotated[Actor, Depends(allow(Permission.results_publish))]
BudgetReadActor = Annotated[Actor, Depends(allow(Permission.budget_read))]
BudgetManageActor = Annotated[Actor, Depends(allow(Permission.budget_manage))]
BudgetSpendActor = Annotated[Actor, Depends(allow(Permission.budget_spend))]
PartnersReadActor = Annotated[Actor, Depends(allow(Permission.partners_read))]
PartnersWriteActor = Annotated[Actor, Depends(allow(Permission.partners_write))]
CommsReadActor = Annotated[Actor, Depends(allow(Permission.comms_read))]
CommsWriteActor = Annotated[Actor, Depends(allow(Permission.comms_write))]
ProposalsReadActor = Annotated[Actor, Depends(allow(Permission.proposals_read))]
StoriesProposeActor = Annotated[Actor, Depends(allow(Permission.stories_propose))]
InfoCornersWriteActor = Annotated[Actor, Depends(allow(Permission.info_corners_write))]
MaterialsReadActor = Annotated[Actor, Depends(allow(Permission.materials_read))]
MaterialsWriteActor = Annotated[Actor, Depends(allow(Permission.materials_write))]
ApiKeysManageActor = Annotated[Actor, Depends(allow(Permission.api_keys_manage))]
ImportsRunActor = Annotated[Actor, Depends(allow(Permission.imports_run))]
ExportsRunActor = Annotated[Actor, Depends(allow(Permission.exports_run))]
WebhooksManageActor = Annotated[Actor, Depends(allow(Permission.webhooks_manage))]
SteeringReadActor = Annotated[Actor, Depends(allow(Permission.steering_read))]
SteeringWriteActor = Annotated[Actor, Depends(allow(Permission.steering_write))]
ResearchSupportReadActor = Annotated[Actor, Depends(allow(Permission.research_support_read))]
ResearchSupportWriteActor = Annotated[Actor, Depends(allow(Permission.research_support_write))]
DtiReadActor = Annotated[Actor, Depends(allow(Permission.dti_read))]
ProvinceReadActor = Annotated[Actor, Depends(allow(Permission.province_read))]
DtiWriteActor = Annotated[Actor, Depends(allow(Permission.dti_write))]


class _Versioned(Protocol):
    @property
    def version(self) -> int: ...


V = TypeVar("V", bound=_Versioned)
T = TypeVar("T")


class IfMatchCheck:
    """The If-Match header of an update: calling it with the object about to change raises 428 without
    the header and 412 when the object moved on since the client read it, and hands the object back."""

    def __init__(self, header: str | None) -> None:
        self.header = header

    def __call__(self, obj: V) -> V:
        check_version(self.header, obj.version)
        return obj

    def version(self, current_version: int) -> None:
        """For resources whose version is not an attribute of one row (e.g. a school's scorecard)."""
        check_version(self.header, current_version)


# The two below are async because they do no I/O: FastAPI runs a sync dependency in a worker thread.
async def _if_match(
    if_match: Annotated[str | None, Header(alias="If-Match", description=IF_MATCH_DESCRIPTION)] = None,
) -> IfMatchCheck:
    # Optional here so that a missing object still answers 404 before a missing header answers 428;
    # the OpenAPI document marks the header required (main.require_if_match).
    return IfMatchCheck(if_match)


IfMatch = Annotated[IfMatchCheck, Depends(_if_match)]


class ETagSetter:
    """Sets the ETag of the one resource a response carries: `return etag(obj.version, body)`."""

    def __init__(self, response: Response) -> None:
        self.response = response

    def __call__(self, version: int, body: T) -> T:
        set_etag(self.response, version)
        return body


async def _etag(response: Response) -> ETagSetter:
    return ETagSetter(response)


ETag = Annotated[ETagSetter, Depends(_etag)]
