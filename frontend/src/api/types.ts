/** Short names for the generated schema types (only this file knows the schema names). */
import type { components } from './schema';

type S = components['schemas'];

export type Me = S['Me'];
export type Unit = S['UnitRead'];
export type UnitCreate = S['UnitCreate'];
export type UnitUpdate = S['UnitUpdate'];
export type Staff = S['StaffRead'];
export type StaffCreate = S['StaffCreate'];
export type StaffUpdate = S['StaffUpdate'];
export type User = S['UserRead'];
export type UserCreate = S['UserCreate'];
export type UserUpdate = S['UserUpdate'];
export type AuditEvent = S['AuditEventRead'];
export type Role = S['Role'];

export type UnitKind = S['UnitKind'];
export type SchoolLevel = S['SchoolLevel'];

export const UNIT_KINDS = ['department', 'commune', 'office', 'school', 'subject_group'] as const satisfies readonly UnitKind[];
export const SCHOOL_LEVELS = ['preschool', 'primary', 'lower_secondary', 'inter_level'] as const satisfies readonly SchoolLevel[];
export const ROLES = [
  'admin',
  'commune_officer',
  'commune_leader',
  'inspector',
  'communications',
  'finance',
  'unit_manager',
  'staff',
  'integration',
  'department_officer',
  'province_admin',
] as const satisfies readonly Role[];

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export type Movement = S['MovementRead'];
export type FrameworkSummary = S['FrameworkSummary'];
export type Framework = S['FrameworkRead'];
export type FrameworkDocument = S['FrameworkDocument'];
export type CriterionIn = S['CriterionIn'];
export type IndicatorIn = S['IndicatorIn'];
export type IndicatorOut = S['IndicatorOut'];
export type FrameworkSource = S['SourceOut'];
export type Assessment = S['AssessmentRead'];
export type AssessmentSummary = S['AssessmentSummary'];
export type AssessmentCreate = S['AssessmentCreate'];
export type Entry = S['EntryOut'];
export type EntryInput = S['EntryInput'];
export type ReviewInput = S['thidua__assessments__schemas__ReviewInput'];
export type ReturnInput = S['ReturnInput'];
export type Evidence = S['EvidenceOut'];
export type Score = S['ScoreSummary'];

export type IndicatorKind = IndicatorOut['kind'];
export type IndicatorRule = IndicatorOut['rule'];
export type FrameworkStatus = FrameworkSummary['status'];
export type SubjectKind = FrameworkSummary['subject_kind'];
export type AssessmentStatus = AssessmentSummary['status'];

export const INDICATOR_KINDS = ['boolean', 'percent', 'count', 'level', 'computed'] as const satisfies readonly IndicatorKind[];
export const INDICATOR_RULES = ['proportional', 'threshold', 'bands'] as const satisfies readonly IndicatorRule[];
export const FRAMEWORK_STATUSES = ['draft', 'active', 'retired'] as const satisfies readonly FrameworkStatus[];
export const SUBJECT_KINDS = ['unit', 'individual'] as const satisfies readonly SubjectKind[];
export const ASSESSMENT_STATUSES = ['draft', 'submitted', 'returned', 'verified'] as const satisfies readonly AssessmentStatus[];

export type RankedScorecard = S['RankedScorecard'];
export type RankingPage = S['RankingPage'];
export type Aggregates = S['Aggregates'];
export type ScorecardDetail = S['ScorecardDetail'];
export type IndicatorBreakdown = S['IndicatorBreakdown'];
export type ClassificationCount = S['ClassificationCount'];

export type Activity = S['ActivityRead'];
export type ActivityCreate = S['ActivityCreate'];
export type ActivityUpdate = S['ActivityUpdate'];
export type ActivityKind = S['ActivityKind'];
export type AttendeeIn = S['AttendeeIn'];
export type EvidenceLink = S['EvidenceLinkIn'];
export const ACTIVITY_KINDS = [
  'launch_ceremony',
  'seminar',
  'training',
  'extracurricular',
  'study_visit',
  'other',
] as const satisfies readonly ActivityKind[];

export type Inspection = S['InspectionRead'];
export type InspectionCreate = S['InspectionCreate'];
export type InspectionUpdate = S['InspectionUpdate'];
export type InspectionValuesIn = S['InspectionValuesIn'];
export type InspectionFinding = S['FindingRead'];
export type InspectionFindingIn = S['FindingIn'];
export type InspectionFindingUpdate = S['FindingUpdate'];
export type InspectionDecisionIn = S['DecisionIn'];
export type InspectionPlan = S['InspectionPlanRead'];
export type InspectionPlanCreate = S['InspectionPlanCreate'];
export type InspectionPlanIssue = S['InspectionPlanIssueIn'];
export type VerifiedValueIn = S['VerifiedValueIn'];
export type InspectionKind = InspectionCreate['kind'];
export type InspectionStatus = Inspection['status'];
export const INSPECTION_KINDS = ['periodic', 'ad_hoc'] as const satisfies readonly InspectionKind[];
export const INSPECTION_STATUSES = ['open', 'closed'] as const satisfies readonly InspectionStatus[];

export type Plan = S['PlanRead'];
export type PlanIssue = S['PlanIssue'];
export type PlanDispatch = S['DispatchRead'];
export type ReceiptRecord = S['ReceiptRecord'];
export type PlanCreate = S['PlanCreate'];
export type PlanUpdate = S['PlanUpdate'];
export type PlanContent = S['PlanContent'];
export type PlanTask = S['TaskIn'];
export type TaskProgress = S['TaskProgress'];
export type PlanTarget = S['TargetIn'];
export type PlanMilestone = S['MilestoneIn'];
export type BudgetLine = S['BudgetLineIn'];
export type PlanVersion = S['PlanVersionRead'];
export type TrackingRow = S['TrackingRow'];
export type PlanStatus = Plan['status'];
export type DeadlineStatus = NonNullable<Plan['deadline_status']>;
export type TaskStatus = PlanTask['status'];
export const TASK_STATUSES = ['not_started', 'in_progress', 'done'] as const satisfies readonly TaskStatus[];
export const BUDGET_SOURCES = ['state_budget', 'socialisation', 'other'] as const satisfies readonly BudgetLine['source'][];

export type ReportRequest = S['ReportRequestRead'];
export type ReportRequestCreate = S['ReportRequestCreate'];
export type Report = S['ReportRead'];
export type ConsolidatedIssue = S['ConsolidatedIssueRead'];
export type ConsolidatedIssueCreate = S['ConsolidatedIssueCreate'];
export type ReportUpdate = S['ReportUpdate'];
export type Reminder = S['Reminder'];
export const REPORT_KINDS = ['quarter', 'semester', 'school_year', 'phase_review', 'ad_hoc'] as const satisfies readonly ReportRequestCreate['kind'][];

// --- awards administration (award types, rounds, council meetings, decisions, achievements) ---
export type AwardType = S['AwardTypeRead'];
export type AwardTypeDocument = S['AwardTypeDocument'];
export type AwardRule = AwardTypeDocument['rules'] extends (infer R)[] | undefined ? R : never;
export type AwardLevel = S['AwardLevel'];
export type RoundKind = S['RoundKind'];
export type GrantingAuthority = S['GrantingAuthority'];
/** collective / individual (frameworks say unit / individual: see SubjectKind) */
export type AwardSubjectKind = S['SubjectKind'];
export type AwardRound = S['AwardRoundRead'];
export type AwardRoundCreate = S['AwardRoundCreate'];
export type AwardRoundUpdate = S['AwardRoundUpdate'];
export type CouncilMeeting = S['CouncilMeetingRead'];
export type CouncilMeetingCreate = S['CouncilMeetingCreate'];
export type CouncilMeetingUpdate = S['CouncilMeetingUpdate'];
export type AwardDecision = S['DecisionRead'];
export type AwardDecisionCreate = S['DecisionCreate'];
export type AwardDecisionUpdate = S['DecisionUpdate'];
export type Awardee = S['Awardee'];
export type ProvinceAnswer = S['ProvinceAnswer'];
export type BaseSalaryCreate = S['BaseSalaryCreate'];
export type Achievement = S['AchievementRead'];
export type AchievementCreate = S['AchievementCreate'];
export const AWARD_LEVELS = ['unit', 'commune', 'province'] as const satisfies readonly AwardLevel[];
export const ROUND_KINDS = ['annual', 'preliminary', 'final', 'ad_hoc'] as const satisfies readonly RoundKind[];
export const GRANTING_AUTHORITIES = ['unit_head', 'commune_chairman', 'province_chairman'] as const satisfies readonly GrantingAuthority[];
export const AWARD_SUBJECT_KINDS = ['collective', 'individual'] as const satisfies readonly AwardSubjectKind[];
export const AWARD_TYPE_STATUSES = ['draft', 'active', 'retired'] as const;
export const DECISION_STATUSES = ['draft', 'issued', 'answered'] as const;
export const DECISION_KINDS = ['decision', 'proposal'] as const;

export type BudgetSource = S['BudgetSourceRead'];
export type BudgetSourceCreate = S['BudgetSourceCreate'];
export type BudgetSourceUpdate = S['BudgetSourceUpdate'];
export type BudgetSourceKind = BudgetSourceCreate['source'];
export type BudgetAllocation = S['AllocationRead'];
export type BudgetAllocationCreate = S['AllocationCreate'];
export type BudgetSpending = S['SpendingRead'];
export type BudgetSpendingCreate = S['SpendingCreate'];
export type BudgetSummary = S['BudgetSummary'];
export const MOVEMENT_BUDGET_SOURCES = ['state_budget', 'socialisation'] as const satisfies readonly BudgetSourceKind[];
export type Partner = S['PartnerRead'];
export type PartnerCreate = S['PartnerCreate'];
export type PartnerKind = PartnerCreate['kind'];
export type AgreementCreate = S['AgreementCreate'];
export type ContributionCreate = S['ContributionCreate'];
export type ContributionKind = ContributionCreate['kind'];
export const PARTNER_KINDS = ['business', 'parents_association', 'expert', 'other'] as const satisfies readonly PartnerKind[];
export const CONTRIBUTION_KINDS = ['cash', 'in_kind'] as const satisfies readonly ContributionKind[];
export type DtiIndex = S['DtiIndexRead'];
export type DtiCriterion = S['DtiCriterionOut'];
export type DtiAssessment = S['DtiAssessmentRead'];
export type DtiAssessmentCreate = S['DtiAssessmentCreate'];
export type DtiValueIn = S['DtiValueIn'];
export type DtiGroupResult = S['GroupResultOut'];
export type DtiLinked = S['LinkedRead'];
export type GeneratedFile = S['GeneratedFileRead'];

// The Department's view (issue 20)
export type CommuneSummary = S['CommuneSummary'];
export type ReportInbox = S['ReportInbox'];
export type InboxPeriod = S['InboxPeriod'];
export type Heatmap = S['Heatmap'];
export type ProvinceRankedSchool = S['ProvinceRankedSchool'];
export type ProvinceProposal = S['ProvinceProposal'];
