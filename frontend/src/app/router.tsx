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
import { FrameworksListPage } from '../features/frameworks/FrameworksListPage';
import { FrameworkPage } from '../features/frameworks/FrameworkPage';
import { FrameworkEditPage } from '../features/frameworks/FrameworkEditPage';
import { AssessmentsListPage } from '../features/assessments/AssessmentsListPage';
import { AssessmentPage } from '../features/assessments/AssessmentPage';
import { RankingPage } from '../features/scorecards/RankingPage';
import { ScorecardPage } from '../features/scorecards/ScorecardPage';

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
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
            element: <RequirePermission permission="frameworks:read" />,
            children: [
              { path: 'frameworks', element: <FrameworksListPage /> },
              { path: 'frameworks/:id', element: <FrameworkPage /> },
            ],
          },
          {
            element: <RequirePermission permission="frameworks:write" />,
            children: [{ path: 'frameworks/:id/edit', element: <FrameworkEditPage /> }],
          },
          {
            element: <RequirePermission permission="assessments:read" />,
            children: [
              { path: 'assessments', element: <AssessmentsListPage /> },
              { path: 'assessments/:id', element: <AssessmentPage /> },
            ],
          },
          {
            element: <RequirePermission permission="scorecards:read" />,
            children: [
              { path: 'scorecards', element: <RankingPage /> },
              { path: 'scorecards/:id', element: <ScorecardPage /> },
            ],
          },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
]);
