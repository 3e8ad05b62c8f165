import { useMemo, useRef, useState, type FormEvent } from 'react';
import { PublicApiError, publicApi, solvedChallenge, type PublicCall, type WorkReceipt } from '../api';
import { FormSubmit, NoticeConsent } from '../ui/ConsentSubmit';
import { ErrorSummary, focusField } from '../ui/ErrorSummary';
import { CheckField, SelectField, TextField } from '../ui/fields';
import { serverFieldErrors, type FieldErrors } from '../ui/person';
import {
  DESCRIPTION_MAX,
  emptyEntry,
  entryBody,
  entryFields,
  entrantsOf,
  TITLE_MAX,
  validateEntry,
  type EntryValues,
} from './entry-model';
import { FilesField } from './FilesField';
import { PeopleFields } from './PeopleFields';
import { useUploads } from './uploads';

type Props = {
  call: PublicCall;
  channel?: string;
  /** The call changed since it was opened (a new notice, closed): reads it again. */
  onConflict: () => Promise<PublicCall | null>;
  onDone: (receipt: WorkReceipt, title: string) => void;
};

export function EntryForm({ call, channel, onConflict, onDone }: Props) {
  const [values, setValues] = useState<EntryValues>(emptyEntry);
  const uploads = useUploads(call.slug);
  // After a first attempt the page's own checks follow every change; the server's findings stay until
  // their field is changed.
  const [attempted, setAttempted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [topError, setTopError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const category = call.categories.find((c) => c.key === values.categoryKey) ?? null;
  const people = entrantsOf(values);
  const fields = useMemo(() => entryFields(people.length), [people.length]);
  const errors = useMemo(
    () => ({ ...(attempted ? validateEntry(values, uploads.items, call) : {}), ...serverErrors }),
    [attempted, values, uploads.items, call, serverErrors],
  );

  const forget = (...keys: string[]) =>
    setServerErrors((e) =>
      keys.some((k) => e[k]) ? { ...e, ...Object.fromEntries(keys.map((k) => [k, undefined])) } : e,
    );

  const set = <K extends keyof EntryValues>(key: K, value: EntryValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    forget(key);
  };

  const fail = (e: FieldErrors, message: string | null) => {
    setServerErrors(e);
    setTopError(message);
    requestAnimationFrame(() =>
      Object.keys(e).length ? focusField(e, fields) : summaryRef.current?.focus(),
    );
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setAttempted(true);
    const local = validateEntry(values, uploads.items, call);
    if (Object.keys(local).length) {
      setTopError(null);
      return requestAnimationFrame(() => focusField(local, fields));
    }
    setBusy(true);
    setTopError(null);
    try {
      const guard = await solvedChallenge();
      const receipt = await publicApi.submitWork(call.slug, {
        ...entryBody(values, uploads.items),
        ...guard,
        website: values.website || undefined,
        channel,
        noticeId: call.notice.id,
        consent: true,
      });
      onDone(receipt, values.title.trim());
    } catch (err) {
      if (!(err instanceof PublicApiError)) return fail({}, '提交没有成功，请稍后再试');
      if (err.status === 409 && (await onConflict())?.notice.id !== call.notice.id) {
        setValues((v) => ({ ...v, consent: false }));
        return fail({ consent: '个人信息处理规则已更新，请重新阅读并勾选同意' }, err.message);
      }
      fail(serverFieldErrors(err.details), err.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="pm-form" noValidate onSubmit={submit} aria-busy={busy}>
      <ErrorSummary ref={summaryRef} errors={errors} message={topError} fields={fields} />
      <section className="pm-section" aria-labelledby="sec-work">
        <h2 id="sec-work">作品信息</h2>
        <SelectField
          id="categoryKey"
          label="作品类别"
          required
          value={values.categoryKey}
          options={call.categories.map((c) => ({ value: c.key, label: c.label }))}
          disabled={uploads.items.length > 0}
          hint={uploads.items.length ? '已上传文件后不能更换类别；如需更换，请先删除已上传的文件' : undefined}
          error={errors.categoryKey}
          onChange={(v) => set('categoryKey', v)}
        />
        <TextField
          id="title"
          label="作品名称"
          required
          maxLength={TITLE_MAX}
          value={values.title}
          error={errors.title}
          onChange={(v) => set('title', v)}
        />
        <TextField
          id="description"
          label="创作说明"
          multiline
          maxLength={DESCRIPTION_MAX}
          value={values.description}
          error={errors.description}
          hint="创作背景、想表达的内容、使用的技法等，评委会看到（不要写姓名、单位等能认出您的信息）"
          onChange={(v) => set('description', v)}
        />
        <FilesField
          category={category}
          items={uploads.items}
          refusals={uploads.refusals}
          error={errors.files}
          onAdd={(files) => {
            if (category) uploads.add(files, category);
            forget('files');
          }}
          onRetry={(id) => uploads.retry(id, values.categoryKey)}
          onRemove={(id) => {
            uploads.remove(id);
            forget('files');
          }}
        />
      </section>

      <section className="pm-section" aria-labelledby="sec-people">
        <h2 id="sec-people">参赛者</h2>
        <PeopleFields
          values={values}
          update={(change) => setValues((v) => ({ ...v, ...change(v) }))}
          errors={errors}
          forget={forget}
          forgetEntrants={() =>
            setServerErrors((e) =>
              Object.fromEntries(Object.entries(e).filter(([k]) => !k.startsWith('entrants'))),
            )
          }
          call={call}
        />
      </section>

      <section className="pm-section" aria-labelledby="sec-consent">
        <h2 id="sec-consent">声明与同意</h2>
        <CheckField
          id="originality"
          required
          checked={values.originality}
          error={errors.originality}
          onChange={(v) => set('originality', v)}
        >
          原创声明：本作品由参赛者独立创作（团体作品由团体成员共同创作），不侵犯他人的著作权、肖像权等权利；如有侵权，由参赛者承担责任
        </CheckField>
        <NoticeConsent
          notice={call.notice}
          checked={values.consent}
          error={errors.consent}
          onChange={(v) => set('consent', v)}
        />
        <CheckField
          id="publicityConsent"
          checked={values.publicityConsent}
          hint="勾选后，主办方可以在公开页面和展览中展示您的作品；不勾选不影响参赛和评审。"
          onChange={(v) => set('publicityConsent', v)}
        >
          同意公开展示作品（可不选）
        </CheckField>
      </section>

      <FormSubmit
        label="提交作品"
        busy={busy}
        website={values.website}
        onWebsite={(v) => set('website', v)}
      />
    </form>
  );
}
