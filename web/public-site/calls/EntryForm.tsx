import { useMemo, useRef, useState, type FormEvent } from 'react';
import { PublicApiError, publicApi, solvedChallenge, type PublicCall, type WorkReceipt } from '../api';
import { FormSubmit, NoticeConsent } from '../ui/ConsentSubmit';
import { ErrorSummary, focusField } from '../ui/ErrorSummary';
import { CheckField, RadioGroup, SelectField, TextField } from '../ui/fields';
import { serverFieldErrors, type FieldErrors } from '../ui/person';
import {
  DESCRIPTION_MAX,
  emptyEntrant,
  emptyEntry,
  entryBody,
  entryFields,
  entrantsOf,
  GROUP_NAME_MAX,
  TITLE_MAX,
  validateEntry,
  type EntrantValues,
  type EntryValues,
} from './entry-model';
import { EntrantFields } from './EntrantFields';
import { FilesField } from './FilesField';
import { useUploads } from './uploads';

const MODES = [
  { value: 'single', label: '个人作品' },
  { value: 'group', label: '团体作品' },
];

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
  const canGroup = call.maxGroupSize > 1;

  const forget = (...keys: string[]) =>
    setServerErrors((e) =>
      keys.some((k) => e[k]) ? { ...e, ...Object.fromEntries(keys.map((k) => [k, undefined])) } : e,
    );

  const set = <K extends keyof EntryValues>(key: K, value: EntryValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    forget(key);
  };

  const setEntrant =
    (i: number) =>
    <K extends keyof EntrantValues>(key: K, value: EntrantValues[K]) => {
      setValues((v) => ({
        ...v,
        entrants: v.entrants.map((e, j) => (j === i ? { ...e, [key]: value } : e)),
      }));
      forget(`entrants.${i}.${key === 'place' ? 'placeUnitId' : key}`, 'entrants');
    };

  const setMode = (mode: string) => {
    const group = mode === 'group';
    setValues((v) => ({
      ...v,
      group,
      entrants: group && v.entrants.length < 2 ? [...v.entrants, emptyEntrant()] : v.entrants,
    }));
    forget('entrants', 'groupName');
  };

  const removeEntrant = (i: number) => {
    setValues((v) => ({ ...v, entrants: v.entrants.filter((_, j) => j !== i) }));
    // The rows below move up: what the server said about them no longer points at the right person.
    setServerErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !k.startsWith('entrants'))));
    requestAnimationFrame(() => document.getElementById('add-entrant')?.focus());
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
        {canGroup ? (
          <RadioGroup
            id="mode"
            legend="参赛形式"
            value={values.group ? 'group' : 'single'}
            options={MODES}
            onChange={setMode}
          />
        ) : null}
        {values.group ? (
          <>
            <TextField
              id="groupName"
              label="团体名称"
              required
              maxLength={GROUP_NAME_MAX}
              value={values.groupName}
              error={errors.groupName}
              hint="例如 乐队、剧社、工作室的名称"
              onChange={(v) => set('groupName', v)}
            />
            <p className="pm-hint" id="entrants-hint">
              团体最多 {call.maxGroupSize} 人。第 1 位为联系人，须填写手机号。
            </p>
          </>
        ) : null}
        {errors.entrants ? (
          <p className="pm-error" id="entrants-error">
            {errors.entrants}
          </p>
        ) : null}
        {people.map((entrant, i) => (
          <EntrantFields
            key={i}
            index={i}
            legend={
              !values.group ? '参赛者信息' : i === 0 ? '第 1 位参赛者（联系人）' : `第 ${i + 1} 位参赛者`
            }
            value={entrant}
            set={setEntrant(i)}
            errors={errors}
            call={call}
            onRemove={values.group && i > 0 && people.length > 2 ? () => removeEntrant(i) : undefined}
          />
        ))}
        {values.group && people.length < call.maxGroupSize ? (
          <button
            type="button"
            id="add-entrant"
            className="pm-button pm-button-secondary pm-add-entrant"
            aria-describedby="entrants-hint"
            onClick={() => {
              setValues((v) => ({ ...v, entrants: [...v.entrants, emptyEntrant()] }));
              forget('entrants');
              requestAnimationFrame(() => document.getElementById(`entrants.${people.length}.name`)?.focus());
            }}
          >
            ＋ 添加一位参赛者
          </button>
        ) : null}
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
