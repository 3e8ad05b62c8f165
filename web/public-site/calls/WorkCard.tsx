import { lazy, Suspense } from 'react';
import type { WorkStatus } from '../api';
import { Facts } from '../ui/Facts';
import type { StatusCardProps } from '../ui/ReceiptLookup';
import { formatTime } from '../ui/Shell';
import { useCardPanel } from '../ui/useCardPanel';
import { ENTRY_STATUS_LABELS, formatSize, KIND_LABELS } from './labels';
import { WithdrawWork } from './WithdrawWork';

type Props = StatusCardProps<WorkStatus>;

// The edit form (with the entrant fields, the place picker and the notice) loads when it is opened.
const EditWork = lazy(() => import('./EditWork').then((m) => ({ default: m.EditWork })));

export function WorkCard({ code, status, onChange, onBack }: Props) {
  const { panel, setPanel, notice, heading, done } = useCardPanel<WorkStatus>(onChange);

  const names = status.entrantNames.join('、');
  const people = status.entrantCount > 1 ? `${status.groupName ?? status.leadName}（${names}）` : names;
  return (
    <section className="pm-card" aria-labelledby="status-title">
      <h1 id="status-title" ref={heading} tabIndex={-1}>
        {panel === 'edit' ? '修改作品' : panel === 'withdraw' ? '撤回作品' : '作品状态'}
      </h1>
      <Facts
        rows={[
          ['征集活动', status.callTitle],
          ['主办单位', status.unitName],
          ['作品名称', status.title],
          ['作品类别', status.categoryLabel],
          ['作品编号', status.entryLabel],
          ['参赛者', people],
          ['提交时间', formatTime(status.submittedAt)],
          ['征集截止', formatTime(status.closesAt)],
          status.publicityStartsAt
            ? ['结果公示', `${formatTime(status.publicityStartsAt)} 至 ${formatTime(status.publicityEndsAt)}`]
            : null,
          status.awardsFinalAt ? ['结果确定', formatTime(status.awardsFinalAt)] : null,
          ['公开展示', status.publicityConsent ? '已同意' : '未同意'],
          [
            '当前状态',
            <span className={`pm-badge pm-badge-work-${status.status}`}>
              {ENTRY_STATUS_LABELS[status.status]}
            </span>,
          ],
        ]}
      />
      <div className="pm-callout">
        <p>{status.statusText}</p>
      </div>
      {panel === 'none' && status.files.length ? (
        <>
          <h2>作品文件</h2>
          <ul className="pm-files pm-files-kept">
            {status.files.map((f, i) => (
              <li key={f.id} className="pm-file">
                <p className="pm-file-name">
                  <span>
                    {i + 1}. {f.name}
                  </span>
                  <span className="pm-file-size">
                    {KIND_LABELS[f.kind]} · {formatSize(f.size)}
                  </span>
                </p>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {status.editable && panel === 'none' ? (
        <p>
          {status.reviewed
            ? '作品已经过形式审查，截止前仍可修改创作说明和作品文件。'
            : '截止之前，您可以修改作品。'}
        </p>
      ) : null}
      <p className="pm-status" role="status" aria-live="polite">
        {notice ?? ''}
      </p>

      {panel === 'edit' ? (
        <Suspense fallback={<p className="pm-loading">正在加载…</p>}>
          <EditWork
            code={code}
            status={status}
            onDone={(s) => done(s, '修改已保存')}
            onCancel={() => setPanel('none')}
          />
        </Suspense>
      ) : panel === 'withdraw' ? (
        <WithdrawWork
          code={code}
          status={status}
          onDone={(s) => done(s, '作品已撤回')}
          onCancel={() => setPanel('none')}
        />
      ) : (
        <div className="pm-actions">
          {status.editable ? (
            <button type="button" className="pm-button pm-button-primary" onClick={() => setPanel('edit')}>
              修改作品
            </button>
          ) : null}
          {status.status !== 'withdrawn' ? (
            <button type="button" className="pm-button pm-button-danger" onClick={() => setPanel('withdraw')}>
              撤回作品
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
