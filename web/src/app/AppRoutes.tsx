import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { Button, Result } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import type { Permission } from '../../../common/access';
import { onUnauthorized } from '../api/client';
import { ME_KEY, useCan, useEndSession, useMeQuery } from './session';
import { isJudgeOnly, isMentorOnly } from './menu';
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
const TrainingListPage = lazy(() =>
  import('../modules/training/TrainingListPage').then((m) => ({ default: m.TrainingListPage })),
);
const TrainingClassPage = lazy(() =>
  import('../modules/training/ClassPage').then((m) => ({ default: m.ClassPage })),
);
const InstitutionsPage = lazy(() =>
  import('../modules/training/InstitutionsPage').then((m) => ({ default: m.InstitutionsPage })),
);
const FollowUpsPage = lazy(() =>
  import('../modules/training/FollowUpsPage').then((m) => ({ default: m.FollowUpsPage })),
);
const EventsListPage = lazy(() =>
  import('../modules/events/EventsListPage').then((m) => ({ default: m.EventsListPage })),
);
const EventPage = lazy(() => import('../modules/events/EventPage').then((m) => ({ default: m.EventPage })));
const MentorListPage = lazy(() =>
  import('../modules/mentors/MentorListPage').then((m) => ({ default: m.MentorListPage })),
);
const MentorPage = lazy(() =>
  import('../modules/mentors/MentorPage').then((m) => ({ default: m.MentorPage })),
);
const PairingListPage = lazy(() =>
  import('../modules/mentors/PairingListPage').then((m) => ({ default: m.PairingListPage })),
);
const PairingPage = lazy(() =>
  import('../modules/mentors/PairingPage').then((m) => ({ default: m.PairingPage })),
);
const AttentionPage = lazy(() =>
  import('../modules/mentors/AttentionPage').then((m) => ({ default: m.AttentionPage })),
);
const TeamPage = lazy(() => import('../modules/mentors/TeamPage').then((m) => ({ default: m.TeamPage })));
const MyPairingsPage = lazy(() =>
  import('../modules/mentors/MyPairingsPage').then((m) => ({ default: m.MyPairingsPage })),
);
const MyPairingPage = lazy(() =>
  import('../modules/mentors/MyPairingPage').then((m) => ({ default: m.MyPairingPage })),
);
const FederationMembersPage = lazy(() =>
  import('../modules/federation/MembersPage').then((m) => ({ default: m.MembersPage })),
);
const FederationMemberPage = lazy(() =>
  import('../modules/federation/MemberPage').then((m) => ({ default: m.MemberPage })),
);
const SupervisionPage = lazy(() =>
  import('../modules/federation/SupervisionPage').then((m) => ({ default: m.SupervisionPage })),
);
const TargetsPage = lazy(() =>
  import('../modules/federation/TargetsPage').then((m) => ({ default: m.TargetsPage })),
);
const SocietyListPage = lazy(() =>
  import('../modules/societies/SocietyListPage').then((m) => ({ default: m.SocietyListPage })),
);
const SocietyPage = lazy(() =>
  import('../modules/societies/SocietyPage').then((m) => ({ default: m.SocietyPage })),
);
const ContactPointsPage = lazy(() =>
  import('../modules/outreach/ContactPointsPage').then((m) => ({ default: m.ContactPointsPage })),
);
const ContactPointPage = lazy(() =>
  import('../modules/outreach/ContactPointPage').then((m) => ({ default: m.ContactPointPage })),
);
const BranchesListPage = lazy(() =>
  import('../modules/outreach/BranchesListPage').then((m) => ({ default: m.BranchesListPage })),
);
const BranchPage = lazy(() =>
  import('../modules/outreach/BranchPage').then((m) => ({ default: m.BranchPage })),
);
const DuePage = lazy(() => import('../modules/reports/DuePage').then((m) => ({ default: m.DuePage })));
const SubmissionPage = lazy(() =>
  import('../modules/reports/SubmissionPage').then((m) => ({ default: m.SubmissionPage })),
);
const CollectionListPage = lazy(() =>
  import('../modules/reports/CollectionListPage').then((m) => ({ default: m.CollectionListPage })),
);
const CollectionPage = lazy(() =>
  import('../modules/reports/CollectionPage').then((m) => ({ default: m.CollectionPage })),
);
const ReportReviewPage = lazy(() =>
  import('../modules/reports/ReviewPage').then((m) => ({ default: m.ReviewPage })),
);
const TimelinessPage = lazy(() =>
  import('../modules/reports/TimelinessPage').then((m) => ({ default: m.TimelinessPage })),
);
const PlanListPage = lazy(() =>
  import('../modules/plans/PlanListPage').then((m) => ({ default: m.PlanListPage })),
);
const PlanImportPage = lazy(() =>
  import('../modules/plans/PlanImportPage').then((m) => ({ default: m.PlanImportPage })),
);
const PlanPage = lazy(() => import('../modules/plans/PlanPage').then((m) => ({ default: m.PlanPage })));
const TaskListPage = lazy(() =>
  import('../modules/plans/TaskListPage').then((m) => ({ default: m.TaskListPage })),
);
const TaskPage = lazy(() => import('../modules/plans/TaskPage').then((m) => ({ default: m.TaskPage })));
const OverduePage = lazy(() =>
  import('../modules/plans/OverduePage').then((m) => ({ default: m.OverduePage })),
);
const DepartmentViewPage = lazy(() =>
  import('../modules/plans/DepartmentViewPage').then((m) => ({ default: m.DepartmentViewPage })),
);
const SignupPagesPage = lazy(() =>
  import('../modules/signup/SignupPagesPage').then((m) => ({ default: m.SignupPagesPage })),
);
const SignupsPage = lazy(() =>
  import('../modules/signup/SignupsPage').then((m) => ({ default: m.SignupsPage })),
);
const CallsPage = lazy(() => import('../modules/calls/CallsPage').then((m) => ({ default: m.CallsPage })));
const CallPage = lazy(() => import('../modules/calls/CallPage').then((m) => ({ default: m.CallPage })));
const StoriesPage = lazy(() =>
  import('../modules/stories/StoriesPage').then((m) => ({ default: m.StoriesPage })),
);
const StoryPage = lazy(() => import('../modules/stories/StoryPage').then((m) => ({ default: m.StoryPage })));
const JudgeTasksPage = lazy(() =>
  import('../modules/calls/judging/JudgeTasksPage').then((m) => ({ default: m.JudgeTasksPage })),
);
const JudgeScorePage = lazy(() =>
  import('../modules/calls/judging/JudgeScorePage').then((m) => ({ default: m.JudgeScorePage })),
);
const PrivacyNoticesPage = lazy(() =>
  import('../modules/privacy/PrivacyNoticesPage').then((m) => ({ default: m.PrivacyNoticesPage })),
);
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

/** The landing page: 工作台 for cadres; a mentor goes straight to their own pairings, a judge to 评审任务. */
function Landing() {
  const can = useCan();
  if (isMentorOnly(can)) return <Navigate to="/my-mentees" replace />;
  if (isJudgeOnly(can)) return <Navigate to="/judging" replace />;
  return <HomePage />;
}

const MENTOR_ROUTES: [string, Permission, ReactNode][] = [
  ['mentors', 'mentors.read', <MentorListPage key="list" />],
  ['mentors/pairings', 'mentors.read', <PairingListPage key="pairings" />],
  ['mentors/pairings/:id', 'mentors.read', <PairingPage key="pairing" />],
  ['mentors/attention', 'mentors.read', <AttentionPage key="attention" />],
  ['mentors/team', 'mentors.read', <TeamPage key="team" />],
  ['mentors/:id', 'mentors.read', <MentorPage key="mentor" />],
  ['my-mentees', 'mentor.log', <MyPairingsPage key="mine" />],
  ['my-mentees/:id', 'mentor.log', <MyPairingPage key="my-pairing" />],
];

const FEDERATION_ROUTES: [string, Permission, ReactNode][] = [
  ['federation', 'orgs.read', <FederationMembersPage key="members" />],
  ['federation/supervision', 'orgs.read', <SupervisionPage key="supervision" />],
  ['federation/supervision/targets', 'orgs.read', <TargetsPage key="targets" />],
  ['federation/:id', 'orgs.read', <FederationMemberPage key="member" />],
];

const SOCIETY_ROUTES: [string, Permission, ReactNode][] = [
  ['societies', 'orgs.read', <SocietyListPage key="societies" />],
  ['societies/:id', 'orgs.read', <SocietyPage key="society" />],
];

const OUTREACH_ROUTES: [string, Permission, ReactNode][] = [
  ['outreach/contact-points', 'orgs.read', <ContactPointsPage key="contact-points" />],
  ['outreach/contact-points/:id', 'orgs.read', <ContactPointPage key="contact-point" />],
  ['outreach/branches', 'orgs.read', <BranchesListPage key="branches" />],
  ['outreach/branches/:id', 'orgs.read', <BranchPage key="branch" />],
];

const PLAN_ROUTES: [string, Permission, ReactNode][] = [
  ['plans', 'plans.read', <PlanListPage key="plans" />],
  ['plans/import', 'plans.write', <PlanImportPage key="import" />],
  ['plans/tasks', 'plans.read', <TaskListPage key="tasks" />],
  ['plans/tasks/overdue', 'plans.read', <OverduePage key="overdue" />],
  ['plans/tasks/departments', 'plans.read', <DepartmentViewPage key="departments" />],
  ['plans/tasks/:id', 'plans.read', <TaskPage key="task" />],
  ['plans/:id', 'plans.read', <PlanPage key="plan" />],
];

const REPORT_ROUTES: [string, Permission, ReactNode][] = [
  ['reports/due', 'reports.read', <DuePage key="due" />],
  ['reports/collections', 'reports.read', <CollectionListPage key="collections" />],
  ['reports/collections/:id', 'reports.read', <CollectionPage key="collection" />],
  ['reports/submissions/:id', 'reports.read', <SubmissionPage key="submission" />],
  ['reports/review', 'reports.read', <ReportReviewPage key="review" />],
  ['reports/timeliness', 'reports.read', <TimelinessPage key="timeliness" />],
];

const SIGNUP_ROUTES: [string, Permission, ReactNode][] = [
  ['signup-pages', 'public.manage', <SignupPagesPage key="signup-pages" />],
  ['signups', 'signups.review', <SignupsPage key="signups" />],
];

const CALL_ROUTES: [string, Permission, ReactNode][] = [
  ['calls', 'calls.read', <CallsPage key="calls" />],
  ['calls/:id', 'calls.read', <CallPage key="call" />],
  ['calls/:id/:tab', 'calls.read', <CallPage key="call" />],
  ['judging', 'calls.judge', <JudgeTasksPage key="judging" />],
  ['stories', 'stories.read', <StoriesPage key="stories" />],
  ['stories/:id', 'stories.read', <StoryPage key="story" />],
  ['judging/:roundId/:entryId', 'calls.judge', <JudgeScorePage key="judging-entry" />],
];

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
                <Landing />
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
            path="events"
            element={
              <Allow permission="events.read">
                <EventsListPage />
              </Allow>
            }
          />
          <Route
            path="events/:id"
            element={
              <Allow permission="events.read">
                <EventPage />
              </Allow>
            }
          />
          <Route
            path="training"
            element={
              <Allow permission="training.read">
                <TrainingListPage />
              </Allow>
            }
          />
          <Route
            path="training/institutions"
            element={
              <Allow permission="training.read">
                <InstitutionsPage />
              </Allow>
            }
          />
          <Route
            path="training/follow-ups"
            element={
              <Allow permission="training.read">
                <FollowUpsPage />
              </Allow>
            }
          />
          <Route
            path="training/:id"
            element={
              <Allow permission="training.read">
                <TrainingClassPage />
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
          {MENTOR_ROUTES.map(([path, permission, page]) => (
            <Route key={path} path={path} element={<Allow permission={permission}>{page}</Allow>} />
          ))}
          {OUTREACH_ROUTES.map(([path, permission, page]) => (
            <Route key={path} path={path} element={<Allow permission={permission}>{page}</Allow>} />
          ))}
          {FEDERATION_ROUTES.map(([path, permission, page]) => (
            <Route key={path} path={path} element={<Allow permission={permission}>{page}</Allow>} />
          ))}
          {SOCIETY_ROUTES.map(([path, permission, page]) => (
            <Route key={path} path={path} element={<Allow permission={permission}>{page}</Allow>} />
          ))}
          {PLAN_ROUTES.map(([path, permission, page]) => (
            <Route key={path} path={path} element={<Allow permission={permission}>{page}</Allow>} />
          ))}
          {REPORT_ROUTES.map(([path, permission, page]) => (
            <Route key={path} path={path} element={<Allow permission={permission}>{page}</Allow>} />
          ))}
          {SIGNUP_ROUTES.map(([path, permission, page]) => (
            <Route key={path} path={path} element={<Allow permission={permission}>{page}</Allow>} />
          ))}
          {CALL_ROUTES.map(([path, permission, page]) => (
            <Route key={path} path={path} element={<Allow permission={permission}>{page}</Allow>} />
          ))}
          <Route
            path="privacy-notices"
            element={
              <Allow permission="public.manage">
                <PrivacyNoticesPage />
              </Allow>
            }
          />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </>
  );
}
