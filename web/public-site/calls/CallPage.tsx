import { useState } from 'react';
import { publicApi, type WorkReceipt } from '../api';
import { channelFromUrl } from '../ui/channel';
import { Receipt } from '../ui/Receipt';
import { formatTime, Message } from '../ui/Shell';
import { usePageLoad } from '../ui/usePageLoad';
import { CallInfo } from './CallInfo';
import { EntryForm } from './EntryForm';

/** /m/c/<slug>: the call, its entry form while it is open, and the receipt once a work is in. */
export function CallPage({ slug }: { slug: string }) {
  const {
    data: call,
    reload,
    fallback,
  } = usePageLoad(publicApi.call, slug, {
    title: '征集活动不存在',
    text: '这个征集活动不存在或已下线，请核对链接，或联系分享链接给您的团组织。',
  });
  const [done, setDone] = useState<{ receipt: WorkReceipt; title: string } | null>(null);
  const [channel] = useState(channelFromUrl);

  if (!call) return fallback;
  if (done) {
    return (
      <Receipt
        title="作品已提交"
        code={done.receipt.receiptCode}
        uses="查询作品状态、在截止前修改作品或撤回作品"
        status={{ href: '/m/w', label: '查询作品状态' }}
      >
        <p>
          您的作品「{done.title}」已提交到「{call.title}」，{call.unitName}会进行形式审查。
        </p>
        {done.receipt.ageBands.includes('child') ? (
          <p className="pm-note">有参赛者不满 14 周岁，已记录监护人的同意。</p>
        ) : null}
      </Receipt>
    );
  }
  return (
    <>
      <CallInfo call={call} />
      {call.state === 'open' ? (
        <section className="pm-card" aria-labelledby="entry-title">
          <h1 id="entry-title" className="pm-form-title">
            提交作品
          </h1>
          <EntryForm
            call={call}
            channel={channel}
            onConflict={reload}
            onDone={(receipt, title) => setDone({ receipt, title })}
          />
        </section>
      ) : call.state === 'not_yet' ? (
        <Message title="征集尚未开始">
          <p>征集将于 {formatTime(call.opensAt)} 开始，届时可以在本页提交作品。</p>
        </Message>
      ) : (
        <Message title="征集已截止">
          <p>本次征集已经截止，不再接受作品，感谢关注。已经提交的，可以凭回执码查询作品状态。</p>
          <a className="pm-button pm-button-secondary" href="/m/w">
            查询作品状态
          </a>
        </Message>
      )}
    </>
  );
}
