import type { SignupStatus } from '../api';
import { Facts } from '../ui/Facts';
import type { StatusCardProps } from '../ui/ReceiptLookup';
import { formatTime } from '../ui/Shell';
import { useCardPanel } from '../ui/useCardPanel';
import { EditSignup } from './EditSignup';
import { STATUS_EXPLAINED, STATUS_LABELS } from './labels';
import { WithdrawConsent } from './WithdrawConsent';

type Props = StatusCardProps<SignupStatus>;

export function StatusCard({ code, status, onChange, onBack }: Props) {
  const { panel, setPanel, notice, heading, done } = useCardPanel<SignupStatus>(onChange);

  const canWithdraw =
    !status.consentWithdrawn && status.status !== 'withdrawn' && status.status !== 'declined';
  return (
    <section className="pm-card" aria-labelledby="status-title">
      <h1 id="status-title" ref={heading} tabIndex={-1}>
        {panel === 'edit' ? '修改报名信息' : panel === 'withdraw' ? '撤回同意' : '报名进度'}
      </h1>
      <Facts
        rows={[
          ['报名页面', status.pageTitle],
          ['经办单位', status.unitName],
          ['报名人', status.name],
          ['提交时间', formatTime(status.submittedAt)],
          [
            '当前状态',
            <span className={`pm-badge pm-badge-${status.status}`}>{STATUS_LABELS[status.status]}</span>,
          ],
        ]}
      />
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
