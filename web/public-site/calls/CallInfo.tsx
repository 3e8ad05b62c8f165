import type { PublicCall } from '../api';
import { formatTime } from '../ui/Shell';
import { formatMb, kindsText } from './labels';

const STATE_LABELS: Record<PublicCall['state'], string> = {
  open: '征集中',
  not_yet: '未开始',
  closed: '已截止',
};

const paragraphs = (text: string) =>
  text
    .split(/\n+/)
    .filter((p) => p.trim())
    .map((p, i) => <p key={i}>{p}</p>);

/** The call as a young person first reads it: what, by whom, until when, what to send and who may. */
export function CallInfo({ call }: { call: PublicCall }) {
  return (
    <section className="pm-card pm-intro" aria-labelledby="page-title">
      <p className={`pm-call-state pm-call-state-${call.state}`}>{STATE_LABELS[call.state]}</p>
      <h1 id="page-title">{call.title}</h1>
      <p className="pm-unit">主办单位：{call.unitName}</p>
      <dl className="pm-facts pm-call-dates">
        <div>
          <dt>开始时间</dt>
          <dd>{formatTime(call.opensAt)}</dd>
        </div>
        <div>
          <dt>截止时间</dt>
          <dd>{formatTime(call.closesAt)}</dd>
        </div>
      </dl>
      {call.theme ? (
        <div className="pm-call-theme">
          <h2>征集主题</h2>
          {paragraphs(call.theme)}
        </div>
      ) : null}
      <h2>参赛要求</h2>
      <ul className="pm-call-terms">
        <li>
          年龄：{call.ageMin}–{call.ageMax} 周岁（按截止日计算）
        </li>
        <li>
          {call.maxGroupSize > 1 ? `个人或团体均可参加，团体最多 ${call.maxGroupSize} 人` : '只接受个人作品'}
        </li>
        <li>作品须为参赛者原创，提交时须勾选原创声明</li>
      </ul>
      <h2>作品类别与提交要求</h2>
      <ul className="pm-call-categories">
        {call.categories.map((c) => (
          <li key={c.key}>
            <h3>{c.label}</h3>
            <p>
              提交{kindsText(c.kinds)}，最多 {c.maxFiles} 个文件，每个不超过 {formatMb(c.maxMb)}
            </p>
            {c.note ? <p className="pm-hint">{c.note}</p> : null}
          </li>
        ))}
      </ul>
      {call.rules ? (
        <details className="pm-notice pm-call-rules">
          <summary>
            <span>征集规则</span>
            <span className="pm-notice-version">全文</span>
          </summary>
          <div className="pm-notice-body">{paragraphs(call.rules)}</div>
        </details>
      ) : null}
      <p className="pm-call-status-link">
        已经提交过作品？<a href="/m/w">凭回执码查询作品状态</a>
      </p>
    </section>
  );
}
