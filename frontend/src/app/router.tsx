import { createBrowserRouter } from 'react-router';
import { RequireAuth, RequirePermission } from './guards';
import { AppShell } from './AppShell';
import { NotFound } from './NotFound';
import { LoginPage } from '../features/auth/LoginPage';
import { PasswordPage } from '../features/auth/PasswordPage';
import { DashboardPage } from '../features/dashboard/DashboardPage';
import { UnitsListPage } from '../features/units/UnitsListPage';
import { UnitDetailPage } from '../features/units/UnitDetailPage';
import { UnitCreatePage, UnitEditPage } from '../features/units/UnitEditPages';
import { StaffListPage } from '../features/staff/StaffListPage';
import { StaffDetailPage } from '../features/staff/StaffDetailPage';
import { StaffCreatePage, StaffEditPage } from '../features/staff/StaffEditPages';
import { UsersListPage } from '../features/users/UsersListPage';
import { UserDetailPage } from '../features/users/UserDetailPage';
import { UserCreatePage, UserEditPage } from '../features/users/UserEditPages';
import { AuditPage } from '../features/audit/AuditPage';

// The movement screens (frameworks, self-assessment, scorecards) are loaded on first use.
const frameworks = () => import('../features/frameworks/pages');
const assessments = () => import('../features/assessments/pages');
const scorecards = () => import('../features/scorecards/pages');
const activities = () => import('../features/activities/pages');
const dti = () => import('../features/dti/pages');
const province = () => import('../features/province/pages');
const inspections = () => import('../features/inspections/pages');
const plans = () => import('../features/plans/pages');
const reports = () => import('../features/reports/pages');
const reminders = () => import('../features/reminders/pages');
const initiatives = () => import('../features/initiatives/pages');
const conduct = () => import('../features/conduct/pages');
const stories = () => import('../features/stories/pages');
// Communications (plan, log, school-proposed stories, info corners) and the shared materials library.
const communications = () => import('../features/communications/pages');
const materials = () => import('../features/materials/pages');
// The public site (honour board, stories, published results, certificate check) needs no sign-in.
const publicPages = () => import('../features/public/pages');
const awards = () => import('../features/awards/pages');
// The movement's budget (Phòng Kinh tế; schools see their own allocations) and its partners.
const budget = () => import('../features/budget/pages');
const nominations = () => import('../features/nominations/pages');
// Integrations (API keys of service accounts, webhooks): administrators only.
const integrations = () => import('../features/integrations/pages');
// Bulk import of units, staff, accounts, self-assessment values, activities, initiatives (CSV/XLSX/JSON).
const imports = () => import('../features/imports/pages');
// The Ban chỉ đạo (seed IV.1) and the schools' research support (seed V.4.2).
const steering = () => import('../features/steering/pages');
const research = () => import('../features/research/pages');

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    // outside RequireAuth: these pages work without a token
    lazy: async () => ({ Component: (await publicPages()).PublicLayout }),
    children: [
      { path: 'bang-vang', lazy: async () => ({ Component: (await publicPages()).HonourBoardPage }) },
      { path: 'guong-dien-hinh', lazy: async () => ({ Component: (await publicPages()).PublicStoriesPage }) },
      { path: 'guong-dien-hinh/:id', lazy: async () => ({ Component: (await publicPages()).PublicStoryPage }) },
      { path: 'ket-qua', lazy: async () => ({ Component: (await publicPages()).PublicResultsPage }) },
      { path: 'ket-qua/:id', lazy: async () => ({ Component: (await publicPages()).PublicResultPage }) },
      { path: 'goc-thong-tin', lazy: async () => ({ Component: (await publicPages()).PublicInfoCornersPage }) },
      { path: 'tieu-chi', lazy: async () => ({ Component: (await publicPages()).PublicCriteriaPage }) },
      { path: 'xac-thuc', lazy: async () => ({ Component: (await publicPages()).VerifyPage }) },
      // printed on every certificate as <PUBLIC_URL>/xac-thuc/<code>
      { path: 'xac-thuc/:code', lazy: async () => ({ Component: (await publicPages()).VerifyPage }) },
    ],
  },
  {
    element: <RequireAuth />,
    children: [
      {
        element: <AppShell />,
        children: [
          { index: true, element: <DashboardPage /> },
          { path: 'password', element: <PasswordPage /> },
          {
            element: <RequirePermission permission="units:read" />,
            children: [
              { path: 'units', element: <UnitsListPage /> },
              { path: 'units/:id', element: <UnitDetailPage /> },
            ],
          },
          {
            element: <RequirePermission permission="units:write" />,
            children: [
              { path: 'units/new', element: <UnitCreatePage /> },
              { path: 'units/:id/edit', element: <UnitEditPage /> },
            ],
          },
          {
            element: <RequirePermission permission="staff:read" />,
            children: [
              { path: 'staff', element: <StaffListPage /> },
              { path: 'staff/:id', element: <StaffDetailPage /> },
            ],
          },
          {
            element: <RequirePermission permission="staff:write" />,
            children: [
              { path: 'staff/new', element: <StaffCreatePage /> },
              { path: 'staff/:id/edit', element: <StaffEditPage /> },
            ],
          },
          {
            element: <RequirePermission permission="users:manage" />,
            children: [
              { path: 'users', element: <UsersListPage /> },
              { path: 'users/new', element: <UserCreatePage /> },
              { path: 'users/:id', element: <UserDetailPage /> },
              { path: 'users/:id/edit', element: <UserEditPage /> },
            ],
          },
          {
            element: <RequirePermission permission="audit:read" />,
            children: [{ path: 'audit', element: <AuditPage /> }],
          },
          {
            element: <RequirePermission permission="api_keys:manage" />,
            children: [
              { path: 'integrations/api-keys', lazy: async () => ({ Component: (await integrations()).ApiKeysListPage }) },
              { path: 'integrations/api-keys/new', lazy: async () => ({ Component: (await integrations()).ApiKeyCreatePage }) },
            ],
          },
          {
            element: <RequirePermission permission="webhooks:manage" />,
            children: [
              { path: 'integrations/webhooks', lazy: async () => ({ Component: (await integrations()).WebhooksListPage }) },
              { path: 'integrations/webhooks/new', lazy: async () => ({ Component: (await integrations()).WebhookCreatePage }) },
              { path: 'integrations/webhooks/:id', lazy: async () => ({ Component: (await integrations()).WebhookDetailPage }) },
              { path: 'integrations/webhooks/:id/edit', lazy: async () => ({ Component: (await integrations()).WebhookEditPage }) },
            ],
          },
          {
            element: <RequirePermission permission="imports:run" />,
            children: [{ path: 'imports', lazy: async () => ({ Component: (await imports()).ImportsPage }) }],
          },
          {
            element: <RequirePermission permission="frameworks:read" />,
            children: [
              { path: 'frameworks', lazy: async () => ({ Component: (await frameworks()).FrameworksListPage }) },
              { path: 'frameworks/:id', lazy: async () => ({ Component: (await frameworks()).FrameworkPage }) },
            ],
          },
          {
            element: <RequirePermission permission="frameworks:write" />,
            children: [{ path: 'frameworks/:id/edit', lazy: async () => ({ Component: (await frameworks()).FrameworkEditPage }) }],
          },
          {
            element: <RequirePermission permission="assessments:read" />,
            children: [
              { path: 'assessments', lazy: async () => ({ Component: (await assessments()).AssessmentsListPage }) },
              { path: 'assessments/:id', lazy: async () => ({ Component: (await assessments()).AssessmentPage }) },
            ],
          },
          {
            element: <RequirePermission permission="scorecards:read" />,
            children: [
              { path: 'scorecards', lazy: async () => ({ Component: (await scorecards()).RankingPage }) },
              { path: 'scorecards/:id', lazy: async () => ({ Component: (await scorecards()).ScorecardPage }) },
            ],
          },
          {
            element: <RequirePermission permission="dti:read" />,
            children: [{ path: 'dti', lazy: async () => ({ Component: (await dti()).DtiPage }) }],
          },
          {
            element: <RequirePermission permission="province:read" />,
            children: [{ path: 'province', lazy: async () => ({ Component: (await province()).ProvincePage }) }],
          },
          {
            element: <RequirePermission permission="activities:write" />,
            children: [
              { path: 'activities/new', lazy: async () => ({ Component: (await activities()).ActivityCreatePage }) },
              { path: 'activities/:id/edit', lazy: async () => ({ Component: (await activities()).ActivityEditPage }) },
            ],
          },
          {
            element: <RequirePermission permission="activities:read" />,
            children: [
              { path: 'activities', lazy: async () => ({ Component: (await activities()).ActivitiesListPage }) },
              { path: 'activities/:id', lazy: async () => ({ Component: (await activities()).ActivityDetailPage }) },
            ],
          },
          {
            element: <RequirePermission permission="inspections:manage" />,
            children: [{ path: 'inspections/new', lazy: async () => ({ Component: (await inspections()).InspectionCreatePage }) }],
          },
          {
            element: <RequirePermission permission="inspections:read" />,
            children: [
              { path: 'inspections', lazy: async () => ({ Component: (await inspections()).InspectionsListPage }) },
              { path: 'inspections/:id', lazy: async () => ({ Component: (await inspections()).InspectionDetailPage }) },
              { path: 'inspection-plans', lazy: async () => ({ Component: (await inspections()).InspectionPlansPage }) },
              { path: 'inspection-recommendations', lazy: async () => ({ Component: (await inspections()).RecommendationsPage }) },
            ],
          },
          {
            element: <RequirePermission permission="steering:read" />,
            children: [{ path: 'steering', lazy: async () => ({ Component: (await steering()).SteeringPage }) }],
          },
          {
            element: <RequirePermission permission="research_support:read" />,
            children: [{ path: 'research-supports', lazy: async () => ({ Component: (await research()).ResearchSupportPage }) }],
          },
          { path: 'reminders', lazy: async () => ({ Component: (await reminders()).RemindersPage }) },
          {
            element: <RequirePermission permission="plans:review" />,
            children: [{ path: 'plans/tracking', lazy: async () => ({ Component: (await plans()).PlanTrackingPage }) }],
          },
          {
            element: <RequirePermission permission="plans:write" />,
            children: [{ path: 'plans/new', lazy: async () => ({ Component: (await plans()).PlanCreatePage }) }],
          },
          {
            element: <RequirePermission permission="plans:read" />,
            children: [
              { path: 'plans', lazy: async () => ({ Component: (await plans()).PlansListPage }) },
              { path: 'plans/:id', lazy: async () => ({ Component: (await plans()).PlanPage }) },
            ],
          },
          {
            element: <RequirePermission permission="reports:manage" />,
            children: [{ path: 'report-requests/new', lazy: async () => ({ Component: (await reports()).ReportRequestCreatePage }) }],
          },
          {
            element: <RequirePermission permission="reports:read" />,
            children: [
              { path: 'report-requests', lazy: async () => ({ Component: (await reports()).ReportRequestsListPage }) },
              { path: 'report-requests/:id', lazy: async () => ({ Component: (await reports()).ReportRequestPage }) },
              { path: 'reports/:id', lazy: async () => ({ Component: (await reports()).ReportPage }) },
            ],
          },
          // Award administration: award types, rounds, council meetings, decisions, achievements.
          {
            element: <RequirePermission permission="award_types:write" />,
            children: [
              { path: 'awards/types/new', lazy: async () => ({ Component: (await awards()).AwardTypeCreatePage }) },
              { path: 'awards/types/:id/edit', lazy: async () => ({ Component: (await awards()).AwardTypeEditPage }) },
            ],
          },
          {
            element: <RequirePermission permission="award_types:read" />,
            children: [
              { path: 'awards/types', lazy: async () => ({ Component: (await awards()).AwardTypesListPage }) },
              { path: 'awards/types/:id', lazy: async () => ({ Component: (await awards()).AwardTypePage }) },
            ],
          },
          {
            element: <RequirePermission permission="award_rounds:write" />,
            children: [{ path: 'awards/rounds/new', lazy: async () => ({ Component: (await awards()).RoundCreatePage }) }],
          },
          {
            element: <RequirePermission permission="award_rounds:read" />,
            children: [
              { path: 'awards/rounds', lazy: async () => ({ Component: (await awards()).RoundsListPage }) },
              { path: 'awards/rounds/:id', lazy: async () => ({ Component: (await awards()).RoundPage }) },
            ],
          },
          {
            element: <RequirePermission permission="nominations:review" />,
            children: [
              { path: 'awards/council/new', lazy: async () => ({ Component: (await awards()).CouncilMeetingCreatePage }) },
              { path: 'awards/council/:id/edit', lazy: async () => ({ Component: (await awards()).CouncilMeetingEditPage }) },
            ],
          },
          {
            element: <RequirePermission permission="council:read" />,
            children: [{ path: 'awards/council', lazy: async () => ({ Component: (await awards()).CouncilPage }) }],
          },
          {
            element: <RequirePermission permission="decisions:write" />,
            children: [{ path: 'awards/decisions/new', lazy: async () => ({ Component: (await awards()).DecisionCreatePage }) }],
          },
          {
            element: <RequirePermission permission="decisions:read" />,
            children: [
              { path: 'awards/decisions', lazy: async () => ({ Component: (await awards()).DecisionsListPage }) },
              { path: 'awards/decisions/:id', lazy: async () => ({ Component: (await awards()).DecisionPage }) },
            ],
          },
          {
            element: <RequirePermission permission="budget:read" />,
            children: [{ path: 'budget', lazy: async () => ({ Component: (await budget()).BudgetPage }) }],
          },
          {
            element: <RequirePermission permission="partners:read" />,
            children: [{ path: 'budget/partners', lazy: async () => ({ Component: (await budget()).PartnersPage }) }],
          },
          {
            element: <RequirePermission permission="cash:read" />,
            children: [{ path: 'awards/cash', lazy: async () => ({ Component: (await awards()).CashTotalsPage }) }],
          },
          {
            element: <RequirePermission permission="achievements:write" />,
            children: [{ path: 'awards/achievements/new', lazy: async () => ({ Component: (await awards()).AchievementCreatePage }) }],
          },
          {
            element: <RequirePermission permission="achievements:read" />,
            children: [{ path: 'awards/achievements', lazy: async () => ({ Component: (await awards()).AchievementsPage }) }],
          },
          {
            element: <RequirePermission permission="nominations:write" />,
            children: [{ path: 'awards/nominations/new', lazy: async () => ({ Component: (await nominations()).NominationCreatePage }) }],
          },
          {
            element: <RequirePermission permission="nominations:read" />,
            children: [
              { path: 'awards/nominations', lazy: async () => ({ Component: (await nominations()).NominationsListPage }) },
              { path: 'awards/nominations/queue', lazy: async () => ({ Component: (await nominations()).ApprovalQueuePage }) },
              { path: 'awards/nominations/:id', lazy: async () => ({ Component: (await nominations()).NominationDetailPage }) },
            ],
          },
          {
            element: <RequirePermission permission="initiatives:write" />,
            children: [
              { path: 'initiatives/new', lazy: async () => ({ Component: (await initiatives()).InitiativeCreatePage }) },
              { path: 'initiatives/:id/edit', lazy: async () => ({ Component: (await initiatives()).InitiativeEditPage }) },
            ],
          },
          {
            element: <RequirePermission permission="initiatives:read" />,
            children: [
              { path: 'initiatives', lazy: async () => ({ Component: (await initiatives()).InitiativesListPage }) },
              { path: 'initiatives/:id', lazy: async () => ({ Component: (await initiatives()).InitiativeDetailPage }) },
            ],
          },
          {
            element: <RequirePermission permission="conduct:read" />,
            children: [
              { path: 'conduct/ratings', lazy: async () => ({ Component: (await conduct()).RatingsPage }) },
              { path: 'conduct/flags', lazy: async () => ({ Component: (await conduct()).FlagsPage }) },
            ],
          },
          {
            element: <RequirePermission permission="results:publish" />,
            children: [{ path: 'stories/publications', lazy: async () => ({ Component: (await stories()).PublicationsPage }) }],
          },
          {
            element: <RequirePermission permission="stories:write" />,
            children: [
              { path: 'stories/new', lazy: async () => ({ Component: (await stories()).StoryCreatePage }) },
              { path: 'stories/:id/edit', lazy: async () => ({ Component: (await stories()).StoryEditPage }) },
            ],
          },
          {
            element: <RequirePermission permission="stories:read" />,
            children: [
              { path: 'stories', lazy: async () => ({ Component: (await stories()).StoriesListPage }) },
              { path: 'stories/:id', lazy: async () => ({ Component: (await stories()).StoryPage }) },
            ],
          },
          {
            element: <RequirePermission permission="communications:read" />,
            children: [{ path: 'communications', lazy: async () => ({ Component: (await communications()).CommunicationsPage }) }],
          },
          {
            element: <RequirePermission permission="story_proposals:read" />,
            children: [
              { path: 'story-proposals', lazy: async () => ({ Component: (await communications()).ProposalsPage }) },
              { path: 'story-proposals/:id', lazy: async () => ({ Component: (await communications()).ProposalPage }) },
            ],
          },
          {
            element: <RequirePermission permission="materials:read" />,
            children: [{ path: 'materials', lazy: async () => ({ Component: (await materials()).MaterialsPage }) }],
          },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
]);
