import { useEffect, useRef, useState } from 'react';
import type { SignupStatus } from '../api';
import { formatTime } from '../ui/Shell';
import { EditSignup } from './EditSignup';
import { STATUS_EXPLAINED, STATUS_LABELS } from './labels';
import { WithdrawConsent } from './WithdrawConsent';

type Props = {
  code: string;
  status: SignupStatus;
  onChange: (status: SignupStatus) => void;
  onBack: () => void;
};

export function StatusCard({ code, status, onChange, onBack }: Props) {
  const [panel, setPanel] = useState<'none' | 'edit' | 'withdraw'>('none');
  const [notice, setNotice] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => heading.current?.focus(), [panel]);

  const done = (next: SignupStatus, message: string) => {
    onChange(next);
    setNotice(message);
    setPanel('none');
  };

  const canWithdraw =
    !status.consentWithdrawn && status.status !== 'withdrawn' && status.status !== 'declined';
  return (
    <section className="pm-card" aria-labelledby="status-title">
      <h1 id="status-title" ref={heading} tabIndex={-1}>
        {panel === 'edit' ? '修改报名信息' : panel === 'withdraw' ? '撤回同意' : '报名进度'}
      </h1>
      <dl className="pm-facts">
        <div>
          <dt>报名页面</dt>
          <dd>{status.pageTitle}</dd>
        </div>
        <div>
          <dt>经办单位</dt>
          <dd>{status.unitName}</dd>
        </div>
        <div>
          <dt>报名人</dt>
          <dd>{status.name}</dd>
        </div>
        <div>
          <dt>提交时间</dt>
          <dd>{formatTime(status.submittedAt)}</dd>
        </div>
        <div>
          <dt>当前状态</dt>
          <dd>
            <span className={`pm-badge pm-badge-${status.status}`}>{STATUS_LABELS[status.status]}</span>
          </dd>
        </div>
      </dl>
      <div className="pm-callout">
        <p>{status.message ?? STATUS_EXPLAINED[status.status]}</p>
      </div>
      {status.editable && status.status === 'pending' ? <p>审核之前，您可以修改报名信息。</p> : null}
      <p className="pm-status" role="status" aria-live="polite">
        {notice ?? ''}
      </p>

      {panel === 'edit' ? (
        <EditSignup
          code={code}
          status={status}
          onDone={(s) => done(s, '修改已提交，团组织会复核修改的内容')}
          onCancel={() => setPanel('none')}
        />
      ) : panel === 'withdraw' ? (
        <WithdrawConsent
          code={code}
          status={status}
          onDone={(s) => done(s, '已撤回同意')}
          onCancel={() => setPanel('none')}
        />
      ) : (
        <div className="pm-actions">
          {status.editable ? (
            <button type="button" className="pm-button pm-button-primary" onClick={() => setPanel('edit')}>
              修改报名信息
            </button>
          ) : null}
          {canWithdraw ? (
            <button type="button" className="pm-button pm-button-danger" onClick={() => setPanel('withdraw')}>
              撤回同意
            </button>
          ) : null}
          <button type="button" className="pm-button pm-button-plain" onClick={onBack}>
            查询其他回执码
          </button>
        </div>
      )}
    </section>
  );
}
