import { Center, Loader } from '@mantine/core';
import { lazy, Suspense, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import { Route, Routes } from 'react-router';
import { AppLayout, type NavItem } from './layout/AppLayout';
import { RequireRole, RequireSession } from './layout/RequireSession';
import type { Role } from './session/session-store';
import { CASE_READERS } from './session/use-session';

/**
 * Every page of the application, in one place. A page is one file named by what the user does there
 * (`<area>/<Something>Page.tsx`, default export), loaded when first opened. `nav` puts it in the main
 * navigation for its roles; `roles` also guards the route (the API refuses the others anyway).
 */
const ANY_ROLE: readonly Role[] = ['admin', 'regulatory', 'safety', 'qppv', 'viewer'];

interface PageRoute {
  path: string;
  page: LazyExoticComponent<ComponentType>;
  roles: readonly Role[];
  /** Label in the main navigation; none = reached by links only. */
  nav?: string;
}

const PAGES: readonly PageRoute[] = [
  { path: '/', page: lazy(() => import('./dashboard/DashboardPage')), roles: ANY_ROLE, nav: 'Dashboard' },
  { path: '/deadlines', page: lazy(() => import('./deadlines/DeadlinesPage')), roles: ANY_ROLE, nav: 'Deadlines' },
  { path: '/inbox', page: lazy(() => import('./inbox/InboxPage')), roles: ANY_ROLE, nav: 'Inbox' },
  { path: '/timeline', page: lazy(() => import('./timeline/TimelinePage')), roles: ANY_ROLE, nav: 'Timeline' },
  { path: '/cases', page: lazy(() => import('./cases/CasesPage')), roles: CASE_READERS, nav: 'Cases' },
  { path: '/cases/new', page: lazy(() => import('./cases/LogCasePage')), roles: ['safety', 'qppv'] },
  { path: '/cases/:id', page: lazy(() => import('./cases/CasePage')), roles: CASE_READERS },
  { path: '/products', page: lazy(() => import('./products/ProductsPage')), roles: ANY_ROLE, nav: 'Products' },
  { path: '/products/:product', page: lazy(() => import('./products/ProductPage')), roles: ANY_ROLE },
  { path: '/products/:product/dossiers', page: lazy(() => import('./dossier/DossiersPage')), roles: CASE_READERS },
  { path: '/products/:product/safety', page: lazy(() => import('./safety/SafetyPicturePage')), roles: CASE_READERS },
  { path: '/dossier-builds/:id', page: lazy(() => import('./dossier/DossierBuildPage')), roles: CASE_READERS },
  { path: '/dossiers/:id', page: lazy(() => import('./dossier/DossierPage')), roles: CASE_READERS },
  { path: '/milestones/:id', page: lazy(() => import('./milestones/MilestonePage')), roles: ANY_ROLE },
  { path: '/signals', page: lazy(() => import('./signals/SignalsPage')), roles: CASE_READERS, nav: 'Signals' },
  { path: '/signals/:id', page: lazy(() => import('./signals/SignalPage')), roles: CASE_READERS },
  { path: '/products/:product/reference-safety', page: lazy(() => import('./reference-safety/ReferenceSafetyPage')), roles: CASE_READERS },
  { path: '/products/:product/exposure', page: lazy(() => import('./exposure/ExposurePage')), roles: CASE_READERS },
  { path: '/e2b', page: lazy(() => import('./e2b/E2bExchangePage')), roles: CASE_READERS, nav: 'E2B exchange' },
  { path: '/periodic-outputs', page: lazy(() => import('./periodic/PeriodicOutputsPage')), roles: CASE_READERS, nav: 'Periodic outputs' },
  { path: '/meddra', page: lazy(() => import('./meddra/MeddraPage')), roles: CASE_READERS, nav: 'MedDRA' },
  { path: '/audit', page: lazy(() => import('./audit/AuditPage')), roles: ANY_ROLE, nav: 'Audit trail' },
  { path: '/reminder-policies', page: lazy(() => import('./admin/ReminderPoliciesPage')), roles: ANY_ROLE, nav: 'Reminder policies' },
  { path: '/closure-days', page: lazy(() => import('./admin/ReferenceDataPage')), roles: ANY_ROLE, nav: 'Closure days & EURD' },
  { path: '/admin/accounts', page: lazy(() => import('./admin/AccountsPage')), roles: ['admin'], nav: 'Accounts' },
  { path: '/admin/signing-keys', page: lazy(() => import('./admin/SigningKeysPage')), roles: ['admin'], nav: 'Signing keys' },
  { path: '/profile', page: lazy(() => import('./profile/ProfilePage')), roles: ANY_ROLE, nav: 'Profile' },
];

const SignInPage = lazy(() => import('./session/SignInPage'));
const ChoosePasswordPage = lazy(() => import('./session/ChoosePasswordPage'));
const NotFoundPage = lazy(() => import('./NotFoundPage'));

const NAV: readonly NavItem[] = PAGES.filter((p) => p.nav !== undefined).map((p) => ({ path: p.path, label: p.nav ?? p.path, roles: p.roles }));

function Loading(): ReactNode {
  return (
    <Center p="xl" role="status">
      <Loader aria-label="Loading page" />
    </Center>
  );
}

export function AppRoutes(): ReactNode {
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route path="/sign-in" element={<SignInPage />} />
        <Route
          path="/choose-password"
          element={
            <RequireSession passwordChange>
              <ChoosePasswordPage />
            </RequireSession>
          }
        />
        <Route
          element={
            <RequireSession>
              <AppLayout nav={NAV} />
            </RequireSession>
          }
        >
          {PAGES.map(({ path, page: Page, roles }) => (
            <Route
              key={path}
              path={path}
              element={
                <Suspense fallback={<Loading />}>
                  <RequireRole roles={roles}>
                    <Page />
                  </RequireRole>
                </Suspense>
              }
            />
          ))}
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
