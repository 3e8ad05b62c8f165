import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { Button, Result } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import type { Permission } from '../../../common/access';
import { onUnauthorized } from '../api/client';
import { ME_KEY, useCan, useEndSession, useMeQuery } from './session';
import { AppLayout } from './AppLayout';
import { LoginPage } from './login/LoginPage';
import { NotFound } from './NotFound';
import { PageLoading } from './PageLoading';

const HomePage = lazy(() => import('../modules/home/HomePage').then((m) => ({ default: m.HomePage })));
const UnitsPage = lazy(() => import('../modules/units/UnitsPage').then((m) => ({ default: m.UnitsPage })));
const AccountsPage = lazy(() =>
  import('../modules/accounts/AccountsPage').then((m) => ({ default: m.AccountsPage })),
);
const AuditPage = lazy(() => import('../modules/audit/AuditPage').then((m) => ({ default: m.AuditPage })));
const DictionariesPage = lazy(() =>
  import('../modules/dictionaries/DictionariesPage').then((m) => ({ default: m.DictionariesPage })),
);
const RolesPage = lazy(() => import('../modules/settings/RolesPage').then((m) => ({ default: m.RolesPage })));
const YouthListPage = lazy(() =>
  import('../modules/youth/YouthListPage').then((m) => ({ default: m.YouthListPage })),
);
const YouthPage = lazy(() => import('../modules/youth/YouthPage').then((m) => ({ default: m.YouthPage })));
const TodoPage = lazy(() => import('../modules/youth/TodoPage').then((m) => ({ default: m.TodoPage })));
const ProfilePage = lazy(() =>
  import('../modules/profile/ProfilePage').then((m) => ({ default: m.ProfilePage })),
);

const LOGIN_EXPIRED = '登录已失效，请重新登录';

/** A 401 anywhere ends the session in the UI too; the guard below then shows the login page. */
function SessionWatcher() {
  const queryClient = useQueryClient();
  const endSession = useEndSession();
  useEffect(() => {
    onUnauthorized((message) => {
      // Only the first 401 of a session says something; requests already in flight follow it.
      if (queryClient.getQueryData(ME_KEY)) endSession(message || LOGIN_EXPIRED);
    });
    return () => onUnauthorized(null);
  }, [queryClient, endSession]);
  return null;
}

function RequireSession({ children }: { children: ReactNode }) {
  const { data: me, isError, refetch } = useMeQuery();
  const location = useLocation();
  if (isError) {
    return (
      <Result
        status="warning"
        title="暂时无法连接服务器"
        extra={<Button onClick={() => refetch()}>重试</Button>}
      />
    );
  }
  if (me === undefined) return <PageLoading />;
  if (!me || me.stage !== 'full')
    return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return children;
}

function Allow({ permission, children }: { permission?: Permission; children: ReactNode }) {
  const can = useCan();
  if (permission && !can(permission)) {
    return (
      <Result status="403" title="无权访问" subTitle="您没有访问此页面的权限，如需开通请联系本单位管理员。" />
    );
  }
  return <Suspense fallback={<PageLoading />}>{children}</Suspense>;
}

export function AppRoutes() {
  return (
    <>
      <SessionWatcher />
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route
          element={
            <RequireSession>
              <AppLayout />
            </RequireSession>
          }
        >
          <Route
            index
            element={
              <Allow>
                <HomePage />
              </Allow>
            }
          />
          <Route
            path="youth"
            element={
              <Allow permission="youth.read">
                <YouthListPage />
              </Allow>
            }
          />
          <Route
            path="youth/todo"
            element={
              <Allow permission="youth.read">
                <TodoPage />
              </Allow>
            }
          />
          <Route
            path="youth/:id"
            element={
              <Allow permission="youth.read">
                <YouthPage />
              </Allow>
            }
          />
          <Route
            path="units"
            element={
              <Allow permission="units.read">
                <UnitsPage />
              </Allow>
            }
          />
          <Route
            path="accounts"
            element={
              <Allow permission="accounts.read">
                <AccountsPage />
              </Allow>
            }
          />
          <Route
            path="audit"
            element={
              <Allow permission="audit.read">
                <AuditPage />
              </Allow>
            }
          />
          <Route
            path="dictionaries"
            element={
              <Allow permission="dictionaries.manage">
                <DictionariesPage />
              </Allow>
            }
          />
          <Route
            path="security"
            element={
              <Allow permission="settings.manage">
                <RolesPage />
              </Allow>
            }
          />
          <Route
            path="profile"
            element={
              <Allow>
                <ProfilePage />
              </Allow>
            }
          />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </>
  );
}
