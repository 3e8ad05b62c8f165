import { useState } from 'react';
import { publicApi, type SignupReceipt } from '../api';
import { formatTime, Message } from '../ui/Shell';
import { channelFromUrl } from '../ui/channel';
import { Receipt } from '../ui/Receipt';
import { usePageLoad } from '../ui/usePageLoad';
import { SignupForm } from './SignupForm';

export function SignupPage({ slug }: { slug: string }) {
  const {
    data: page,
    reload,
    fallback,
  } = usePageLoad(publicApi.signupPage, slug, {
    title: '页面不存在',
    text: '这个报名页面不存在或已下线，请核对链接，或联系分享链接给您的团组织。',
  });
  const [receipt, setReceipt] = useState<SignupReceipt | null>(null);
  const [channel] = useState(channelFromUrl);

  if (!page) return fallback;
  if (receipt) {
    return (
      <Receipt
        title="报名已提交"
        code={receipt.receiptCode}
        uses="查询审核进度、修改报名信息或撤回同意"
        status={{ href: '/m/r', label: '查询报名进度' }}
      >
        <p>
          您已报名「{page.title}」，{page.unitName}会尽快审核。
        </p>
        {receipt.ageBand === 'child' ? (
          <p className="pm-note">报名人不满 14 周岁，已记录监护人的同意。</p>
        ) : null}
      </Receipt>
    );
  }
  return (
    <>
      <section className="pm-card pm-intro" aria-labelledby="page-title">
        <h1 id="page-title">{page.title}</h1>
        <p className="pm-unit">发布单位：{page.unitName}</p>
        {page.intro
          .split(/\n+/)
          .filter(Boolean)
          .map((para, i) => (
            <p key={i}>{para}</p>
          ))}
        {page.closesAt && page.state === 'open' ? (
          <p className="pm-deadline">报名截止：{formatTime(page.closesAt)}</p>
        ) : null}
      </section>
      {page.state === 'open' ? (
        <div className="pm-card">
          <SignupForm page={page} channel={channel} onConflict={reload} onDone={setReceipt} />
        </div>
      ) : page.state === 'not_yet' ? (
        <Message title="报名尚未开始">
          <p>
            {page.opensAt
              ? `报名将于 ${formatTime(page.opensAt)} 开始，请届时再来。`
              : '报名尚未开始，请稍后再来。'}
          </p>
        </Message>
      ) : (
        <Message title="报名已结束">
          <p>本次招募已经结束，感谢关注。已经报名的，可以凭回执码查询进度。</p>
          <a className="pm-button pm-button-secondary" href="/m/r">
            查询报名进度
          </a>
        </Message>
      )}
    </>
  );
}
