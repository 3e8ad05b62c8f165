import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { SignupPage } from './signup/SignupPage';
import { StatusPage } from './status/StatusPage';
import { Message, Shell } from './ui/Shell';
import './styles/base.css';
import './styles/form.css';
import './styles/pages.css';

/** Two kinds of page, chosen by the path: no router library for that. */
function Route() {
  const path = window.location.pathname.replace(/\/+$/, '');
  const signup = /^\/m\/s\/([a-z0-9]{6,32})$/.exec(path);
  if (signup) return <SignupPage slug={signup[1]} />;
  if (path === '/m/r') return <StatusPage />;
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
        <Route />
      </Shell>
    </StrictMode>,
  );
}
