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
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
]);
