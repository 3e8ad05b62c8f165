import { useState, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Button, Card, Spin, Typography } from 'antd';
import { PasswordChangeForm } from '../../components/PasswordChangeForm';
import { TotpEnrolForm } from '../../components/TotpEnrolForm';
import { useLoginNotice, useMeQuery, useSetMe } from '../session';
import { useLogout } from '../useLogout';
import { BRAND_RED } from '../theme';
import { PasswordStep, TotpStep } from './LoginSteps';
import { ResetNotices } from './ResetNotices';

type LoginState = { from?: string } | null;

const STEP_TITLES = {
  password: '账号登录',
  totp: '动态口令验证',
  totp_enroll: '绑定双因素认证',
  password_change: '修改初始密码',
  full: '安全提醒',
} as const;

function BrandPanel() {
  return (
    <div
      style={{
        flex: '0 0 44%',
        background: `linear-gradient(150deg, ${BRAND_RED} 0%, #9e1016 100%)`,
        color: '#fff',
        display: 'flex',
        flexDirection: 'column',
        justifyContent: 'center',
        padding: '0 64px',
      }}
    >
      <div style={{ fontSize: 44, fontWeight: 600, letterSpacing: 8 }}>筑梦</div>
      <div style={{ fontSize: 20, marginTop: 12, opacity: 0.95 }}>共青团新兴青年群体工作平台</div>
      <div style={{ fontSize: 14, marginTop: 28, lineHeight: 2, opacity: 0.8 }}>
        联系服务 · 培训培养 · 导师结对 · 展示推介
        <br />
        中央、省、市、县四级团组织协同工作
      </div>
    </div>
  );
}

export function LoginPage() {
  const { data: me, isPending } = useMeQuery();
  const state = useLocation().state as LoginState;
  const setMe = useSetMe();
  const restart = useLogout();
  const notice = useLoginNotice();
  const [noticesRead, setNoticesRead] = useState(false);

  const resets = me?.notices ?? [];
  if (me?.stage === 'full' && (noticesRead || !resets.length)) {
    return <Navigate to={state?.from ?? '/'} replace />;
  }

  const step = me ? me.stage : 'password';
  let body: ReactNode;
  if (isPending) body = <Spin />;
  else if (step === 'full') {
    body = (
      <Button type="primary" block size="large" onClick={() => setNoticesRead(true)}>
        我知道了，进入系统
      </Button>
    );
  } else if (step === 'totp') body = <TotpStep />;
  else if (step === 'totp_enroll') {
    body = (
      <>
        <Typography.Paragraph type="secondary">
          根据安全要求，您的角色须启用双因素认证后才能进入系统。
        </Typography.Paragraph>
        <TotpEnrolForm onEnabled={setMe} size="large" />
      </>
    );
  } else if (step === 'password_change') {
    body = (
      <>
        <Typography.Paragraph type="secondary">
          首次登录或密码被重置后，须设置只有您本人知道的新密码。
        </Typography.Paragraph>
        <PasswordChangeForm onChanged={setMe} size="large" />
      </>
    );
  } else body = <PasswordStep notice={notice} />;

  return (
    <div style={{ display: 'flex', minHeight: '100vh', background: '#f5f5f5' }}>
      <BrandPanel />
      <div style={{ flex: 1, display: 'flex', alignItems: 'center', justifyContent: 'center', padding: 24 }}>
        <Card style={{ width: step === 'totp_enroll' ? 500 : 400 }} styles={{ body: { padding: 32 } }}>
          <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
            {STEP_TITLES[step]}
          </Typography.Title>
          {me && (
            <Typography.Paragraph type="secondary" style={{ marginBottom: 20 }}>
              {me.displayName}（{me.unit.orgName}）
            </Typography.Paragraph>
          )}
          {!me && <div style={{ height: 20 }} />}
          <ResetNotices notices={resets} />
          {body}
          {me && step !== 'full' && (
            <Button type="link" block style={{ marginTop: 12 }} onClick={restart}>
              切换账号
            </Button>
          )}
        </Card>
      </div>
    </div>
  );
}
