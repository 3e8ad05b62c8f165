import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { PublicApiError, publicApi, solvedChallenge, type CallResults } from '../api';
import { channelFromUrl } from '../ui/channel';
import { NoticeConsent, FormSubmit } from '../ui/ConsentSubmit';
import { TextField, SelectField } from '../ui/fields';
import { formatTime, Message } from '../ui/Shell';
import './awards.css';

const STATE_TEXT = { publicity: '公示中', closed: '公示期已满', final: '结果已确认' } as const;

/** /m/c/<slug>/results: the 公示 list, and while it runs a form to raise an objection. */
export function ResultsPage({ slug }: { slug: string }) {
  const [data, setData] = useState<CallResults | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    () =>
      publicApi.callResults(slug).then((r) => {
        setData(r);
        document.title = `${r.title} 获奖结果公示`;
        return r;
      }),
    [slug],
  );

  useEffect(() => {
    load().catch((e: Error) => setError(e.message));
  }, [load]);

  const reload = () => load().catch(() => null);

  if (error) {
    return (
      <Message title="暂无公示">
        <p>{error}</p>
      </Message>
    );
  }
  if (!data) {
    return (
      <section className="pm-card pm-loading" aria-busy="true">
        正在加载…
      </section>
    );
  }
  return (
    <>
      <section className="pm-card">
        <p className="pm-unit">{data.unitName}</p>
        <h1>{data.title} 获奖结果公示</h1>
        <p className={`pm-result-state pm-result-state-${data.state}`}>{STATE_TEXT[data.state]}</p>
        <p className="pm-hint">
          公示期：{formatTime(data.publicityStartsAt)} 至 {formatTime(data.publicityEndsAt)}。
          作者同意公开的作品显示作品名和作者（部分隐去），其余只显示作品编号。
        </p>
        <ol className="pm-results">
          {data.items.map((i) => (
            <li key={i.entryNo} className="pm-result">
              <span className="pm-result-level">{i.levelLabel}</span>
              <span className="pm-result-body">
                <strong>{i.title ?? i.label}</strong>
                <span className="pm-result-meta">
                  {[i.title ? i.label : null, i.categoryLabel, i.names?.join('、'), i.place]
                    .filter(Boolean)
                    .join(' · ')}
                </span>
              </span>
            </li>
          ))}
        </ol>
      </section>
      {data.state === 'publicity' && <ObjectionForm slug={slug} results={data} onConflict={reload} />}
    </>
  );
}

type Values = {
  entryNo: string;
  content: string;
  contactName: string;
  phone: string;
  consent: boolean;
  website: string;
};
const EMPTY: Values = { entryNo: '', content: '', contactName: '', phone: '', consent: false, website: '' };

type FormProps = {
  slug: string;
  results: CallResults;
  /** The results changed since they were opened (a new notice, 公示 ended): reads them again. */
  onConflict: () => Promise<CallResults | null>;
};

function ObjectionForm({ slug, results, onConflict }: FormProps) {
  const { items, notice } = results;
  const [values, setValues] = useState<Values>(EMPTY);
  const [channel] = useState(channelFromUrl);
  const [errors, setErrors] = useState<Partial<Record<keyof Values, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);
  const set =
    <K extends keyof Values>(key: K) =>
    (value: Values[K]) =>
      setValues((v) => ({ ...v, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: typeof errors = {};
    if (values.content.trim().length < 10) found.content = '请具体说明异议（至少 10 个字）';
    if (!values.contactName.trim()) found.contactName = '请填写联系人';
    if (!values.phone.trim()) found.phone = '请填写联系电话';
    if (!values.consent) found.consent = '请阅读并同意个人信息处理规则';
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      await publicApi.objection(slug, {
        ...(await solvedChallenge()),
        entryNo: values.entryNo ? Number(values.entryNo) : null,
        content: values.content,
        contactName: values.contactName,
        phone: values.phone,
        website: values.website || undefined,
        channel,
        noticeId: notice.id,
        consent: true,
      });
      setSent(true);
    } catch (err) {
      if (
        err instanceof PublicApiError &&
        err.status === 409 &&
        (await onConflict())?.notice.id !== notice.id
      ) {
        setValues((v) => ({ ...v, consent: false }));
        setErrors({ consent: '个人信息处理规则已更新，请重新阅读并勾选同意' });
      } else if (err instanceof PublicApiError && err.details.length > 0) {
        setErrors(Object.fromEntries(err.details.map((d) => [d.path, d.message])));
      }
      setFailure(err instanceof Error ? err.message : '提交失败，请稍后再试');
    } finally {
      setBusy(false);
    }
  };

  if (sent) {
    return (
      <section className="pm-card" role="status">
        <h2>异议已提交</h2>
        <p>主办单位会核实并与您联系。异议内容和联系方式不会公开。</p>
      </section>
    );
  }
  return (
    <section className="pm-card" aria-labelledby="objection-title">
      <h2 id="objection-title">提出异议</h2>
      <p className="pm-hint">
        对公示结果有异议的，请在公示期内实名提出。您填写的内容和联系方式只交给主办单位核实和答复，不会公开。
      </p>
      <form className="pm-form" noValidate onSubmit={submit} aria-busy={busy}>
        <SelectField
          id="entryNo"
          label="针对的作品"
          value={values.entryNo}
          placeholder="整体结果"
          options={items.map((i) => ({ value: String(i.entryNo), label: `${i.label} ${i.levelLabel}` }))}
          onChange={set('entryNo')}
          error={errors.entryNo}
        />
        <TextField
          id="content"
          label="异议内容"
          required
          multiline
          maxLength={1000}
          value={values.content}
          onChange={set('content')}
          error={errors.content}
          hint="请写明事实和理由，可附作品出处等线索"
        />
        <TextField
          id="contactName"
          label="联系人"
          required
          maxLength={50}
          autoComplete="name"
          value={values.contactName}
          onChange={set('contactName')}
          error={errors.contactName}
        />
        <TextField
          id="phone"
          label="联系电话"
          required
          type="tel"
          inputMode="tel"
          maxLength={30}
          autoComplete="tel"
          value={values.phone}
          onChange={set('phone')}
          error={errors.phone}
        />
        <NoticeConsent
          notice={notice}
          checked={values.consent}
          error={errors.consent}
          onChange={set('consent')}
        />
        {failure && (
          <p className="pm-form-failure" role="alert">
            {failure}
          </p>
        )}
        <FormSubmit label="提交异议" busy={busy} website={values.website} onWebsite={set('website')} />
      </form>
    </section>
  );
}
