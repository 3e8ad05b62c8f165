import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { Message, Shell } from './ui/Shell';
import './styles/base.css';
import './styles/form.css';
import './styles/pages.css';
import './styles/calls.css';

// Each kind of page is its own chunk: a phone opening a sign-up link downloads nothing of the calls.
const SignupPage = lazy(() => import('./signup/SignupPage').then((m) => ({ default: m.SignupPage })));
const StatusPage = lazy(() => import('./status/StatusPage').then((m) => ({ default: m.StatusPage })));
const CallPage = lazy(() => import('./calls/CallPage').then((m) => ({ default: m.CallPage })));
const WorkStatusPage = lazy(() =>
  import('./calls/WorkStatusPage').then((m) => ({ default: m.WorkStatusPage })),
);
const ResultsPage = lazy(() => import('./awards/ResultsPage').then((m) => ({ default: m.ResultsPage })));
const VerifyPage = lazy(() => import('./awards/VerifyPage').then((m) => ({ default: m.VerifyPage })));
const UnitPage = lazy(() => import('./unit/UnitPage').then((m) => ({ default: m.UnitPage })));
const UnitWorkPage = lazy(() => import('./unit/WorkPage').then((m) => ({ default: m.WorkPage })));
const UnitStoryPage = lazy(() => import('./unit/StoryPage').then((m) => ({ default: m.StoryPage })));

/** The kinds of page, chosen by the path: no router library for that. */
function Route() {
  const path = window.location.pathname.replace(/\/+$/, '');
  const signup = /^\/m\/s\/([a-z0-9]{6,32})$/.exec(path);
  if (signup) return <SignupPage slug={signup[1]} />;
  if (path === '/m/r') return <StatusPage />;
  const call = /^\/m\/c\/([a-z0-9]{6,32})$/.exec(path);
  if (call) return <CallPage slug={call[1]} />;
  if (path === '/m/w') return <WorkStatusPage />;
  const results = /^\/m\/c\/([a-z0-9]{6,32})\/results$/.exec(path);
  if (results) return <ResultsPage slug={results[1]} />;
  const verify = /^\/m\/v(?:\/([0-9A-Za-z-]{1,30}))?$/.exec(path);
  if (verify) return <VerifyPage code={verify[1]} />;
  const unit = /^\/m\/u\/([0-9A-Za-z]{2,20})(?:\/(w|s)\/([1-9][0-9]{0,9}))?$/.exec(path);
  if (unit && !unit[2]) return <UnitPage code={unit[1]} />;
  if (unit?.[2] === 'w') return <UnitWorkPage code={unit[1]} entryId={Number(unit[3])} />;
  if (unit?.[2] === 's') return <UnitStoryPage code={unit[1]} id={Number(unit[3])} />;
  return (
    <Message title="页面不存在">
      <p>请核对链接是否完整。已经报名的，可以凭回执码查询进度。</p>
      <a className="pm-button pm-button-secondary" href="/m/r">
        查询报名进度
      </a>
    </Message>
  );
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <Shell>
        <Suspense fallback={<p className="pm-loading">正在加载…</p>}>
          <Route />
        </Suspense>
      </Shell>
    </StrictMode>,
  );
}
