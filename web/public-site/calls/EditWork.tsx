import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { PublicApiError, publicApi, solvedChallenge, type PublicCall, type WorkStatus } from '../api';
import { NoticeConsent } from '../ui/ConsentSubmit';
import { ErrorSummary, focusField, type FormFields } from '../ui/ErrorSummary';
import { TextField } from '../ui/fields';
import { serverFieldErrors, type FieldErrors } from '../ui/person';
import {
  DESCRIPTION_MAX,
  emptyEntrant,
  entrantsOf,
  entryFields,
  GROUP_NAME_MAX,
  peopleChangeBody,
  TITLE_MAX,
  validatePeople,
  type PeopleValues,
} from './entry-model';
import { FilesField } from './FilesField';
import { formatSize, KIND_LABELS } from './labels';
import { PeopleFields } from './PeopleFields';
import { useUploads } from './uploads';

type Props = { code: string; status: WorkStatus; onDone: (s: WorkStatus) => void; onCancel: () => void };

/** The edit's fields in order; the replaced entrants' keys and ids are the entry form's. */
function editFields(entrants: number): FormFields {
  const entry = entryFields(entrants);
  return {
    order: [
      'title',
      'description',
      'groupName',
      'removeFileIds',
      'files',
      'addFiles',
      ...entry.order.filter((k) => k.startsWith('entrants')),
      'consent',
      'noticeId',
    ],
    elementId: (key) =>
      key === 'removeFileIds' ? 'kept-files' : key === 'addFiles' ? 'files' : entry.elementId(key),
  };
}

/** A replacement starts empty: every entrant is typed again and consents afresh. */
const freshPeople = (group: boolean, groupName: string): PeopleValues => ({
  group,
  groupName,
  entrants: group ? [emptyEntrant(), emptyEntrant()] : [emptyEntrant()],
});

/**
 * Until the deadline: the title, the description, the group's name and the files, and (before review)
 * the entrants, re-entered as a whole group under the current notice; once a cadre has reviewed the
 * work, the description and the files only (the server holds the same rules). Only what changed is sent.
 */
export function EditWork({ code, status, onDone, onCancel }: Props) {
  const [title, setTitle] = useState(status.title);
  const [description, setDescription] = useState(status.description);
  const [groupName, setGroupName] = useState(status.groupName ?? '');
  const [removed, setRemoved] = useState<number[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [topError, setTopError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [call, setCall] = useState<PublicCall | null>(null);
  const [replacing, setReplacing] = useState(false);
  const [people, setPeople] = useState<PeopleValues>(() =>
    freshPeople(status.entrantCount > 1, status.groupName ?? ''),
  );
  const [consent, setConsent] = useState(false);
  const uploads = useUploads(status.callSlug);
  const identity = !status.reviewed;
  const group = status.entrantCount > 1;
  const kept = status.files.length - removed.length;
  const category = call?.categories.find((c) => c.key === status.categoryKey) ?? null;
  const replaced = replacing && call !== null;
  const fields = useMemo(() => editFields(replaced ? entrantsOf(people).length : 0), [replaced, people]);

  // The call: the category's kinds and limits for the files added; the age range, the group size and the
  // current notice for replaced entrants.
  useEffect(() => {
    publicApi.call(status.callSlug).then(setCall, () => setCall(null));
  }, [status.callSlug]);

  const forget = (...keys: string[]) =>
    setErrors((e) =>
      keys.some((k) => e[k]) ? { ...e, ...Object.fromEntries(keys.map((k) => [k, undefined])) } : e,
    );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const local: FieldErrors = {};
    if (identity && !title.trim()) local.title = '请填写作品名称';
    const added = uploads.items.flatMap((f) => (f.token ? [f.token] : []));
    if (uploads.items.some((f) => f.state === 'uploading'))
      local.files = '还有文件正在上传，请等上传完成后再保存';
    else if (uploads.items.some((f) => f.state === 'failed'))
      local.files = '有文件没有上传成功，请重试或删除';
    else if (kept + added.length < 1) local.removeFileIds = '至少保留一个作品文件';
    if (replaced) {
      Object.assign(local, validatePeople(people, call));
      if (!consent) local.consent = '请阅读并同意个人信息处理规则';
    }
    const changes = {
      ...(identity && title.trim() !== status.title ? { title: title.trim() } : {}),
      ...(description.trim() !== status.description ? { description: description.trim() } : {}),
      ...(identity && group && !replaced && groupName.trim() !== (status.groupName ?? '')
        ? { groupName: groupName.trim() || null }
        : {}),
      ...(replaced ? peopleChangeBody(people, call.notice.id) : {}),
      ...(removed.length ? { removeFileIds: removed } : {}),
      ...(added.length ? { addFiles: added } : {}),
    };
    if (!Object.keys(local).length && !Object.keys(changes).length) {
      setErrors({});
      return setTopError('没有要保存的修改');
    }
    if (Object.keys(local).length) {
      setErrors(local);
      setTopError(null);
      return requestAnimationFrame(() => focusField(local, fields));
    }
    setBusy(true);
    setErrors({});
    setTopError(null);
    try {
      onDone(await publicApi.updateWork({ receiptCode: code, ...changes, ...(await solvedChallenge()) }));
    } catch (err) {
      const found = err instanceof PublicApiError ? serverFieldErrors(err.details) : {};
      // A new notice came out while the form was open: the new entrants must read and agree to it.
      if (replaced && err instanceof PublicApiError && err.status === 409) {
        const fresh = await publicApi.call(status.callSlug).catch(() => null);
        if (fresh && fresh.notice.id !== call.notice.id) {
          setCall(fresh);
          setConsent(false);
          found.consent = '个人信息处理规则已更新，请重新阅读并勾选同意';
        }
      }
      setErrors(found);
      setTopError(err instanceof Error ? err.message : '修改没有成功，请稍后再试');
    } finally {
      setBusy(false);
    }
  };

  const toggle = (id: number) => {
    setRemoved((r) => (r.includes(id) ? r.filter((x) => x !== id) : [...r, id]));
    setErrors((e) => ({ ...e, removeFileIds: undefined }));
  };

  return (
    <form className="pm-panel pm-form" noValidate onSubmit={submit} aria-busy={busy}>
      <ErrorSummary errors={errors} message={topError} fields={fields} />
      {identity ? (
        <TextField
          id="title"
          label="作品名称"
          required
          maxLength={TITLE_MAX}
          value={title}
          error={errors.title}
          onChange={setTitle}
        />
      ) : (
        <p>作品已经过形式审查，作品名称和参赛者不能再修改。</p>
      )}
      <TextField
        id="description"
        label="创作说明"
        multiline
        maxLength={DESCRIPTION_MAX}
        value={description}
        error={errors.description}
        onChange={setDescription}
      />
      {identity && group && !replaced ? (
        <TextField
          id="groupName"
          label="团体名称"
          maxLength={GROUP_NAME_MAX}
          value={groupName}
          error={errors.groupName}
          onChange={setGroupName}
        />
      ) : null}
      <fieldset
        className="pm-fieldset pm-field"
        id="kept-files"
        tabIndex={-1}
        aria-describedby={errors.removeFileIds ? 'kept-files-error' : undefined}
      >
        <legend className="pm-label">已提交的文件</legend>
        <ul className="pm-files">
          {status.files.map((f, i) => {
            const gone = removed.includes(f.id);
            return (
              <li key={f.id} className={`pm-file${gone ? ' pm-file-removed' : ''}`}>
                <p className="pm-file-name">
                  <span>
                    {i + 1}. {f.name}
                  </span>
                  <span className="pm-file-size">
                    {KIND_LABELS[f.kind]} · {formatSize(f.size)}
                  </span>
                </p>
                {gone ? <p className="pm-file-state">保存后删除</p> : null}
                <div className="pm-file-actions">
                  <button type="button" className="pm-button pm-button-plain" onClick={() => toggle(f.id)}>
                    {gone ? '撤销删除' : '删除'}
                    <span className="pm-visually-hidden">「{f.name}」</span>
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
        {errors.removeFileIds ? (
          <p className="pm-error" id="kept-files-error">
            {errors.removeFileIds}
          </p>
        ) : null}
      </fieldset>
      <FilesField
        legend="追加文件"
        required={false}
        category={category}
        kept={kept}
        items={uploads.items}
        refusals={uploads.refusals}
        error={errors.files ?? errors.addFiles}
        onAdd={(files) => {
          if (category) uploads.add(files, category, kept);
          setErrors((e) => ({ ...e, files: undefined, addFiles: undefined }));
        }}
        onRetry={(id) => uploads.retry(id, status.categoryKey)}
        onRemove={(id) => uploads.remove(id)}
      />
      {status.entrantsEditable ? (
        <section className="pm-section" aria-labelledby="sec-people">
          <h2 id="sec-people">修改参赛者（须整组重新填写）</h2>
          {replaced ? (
            <>
              <p className="pm-hint">
                保存后，新填写的参赛者代替现在的全部参赛者，原参赛者的个人信息同意记录随之终止。请把每位参赛者（包括不变的）都重新填写一遍。
              </p>
              <PeopleFields
                values={people}
                update={setPeople}
                errors={errors}
                forget={forget}
                forgetEntrants={() =>
                  setErrors((e) =>
                    Object.fromEntries(Object.entries(e).filter(([k]) => !k.startsWith('entrants'))),
                  )
                }
                call={call}
              />
              <NoticeConsent
                notice={call.notice}
                checked={consent}
                error={errors.consent ?? errors.noticeId}
                onChange={(v) => {
                  setConsent(v);
                  forget('consent', 'noticeId');
                }}
              />
              <button
                type="button"
                className="pm-button pm-button-plain"
                onClick={() => {
                  setReplacing(false);
                  setPeople(freshPeople(group, status.groupName ?? ''));
                  setConsent(false);
                  setErrors({});
                }}
              >
                不修改参赛者
              </button>
            </>
          ) : (
            <>
              <p>
                现在的参赛者：{status.entrantNames.join('、')}
                。需要更换、增加或减少参赛者时，须把全部参赛者重新填写，并由新填写的参赛者重新同意个人信息处理规则。
              </p>
              <button
                type="button"
                className="pm-button pm-button-secondary"
                disabled={!call}
                onClick={() => {
                  setReplacing(true);
                  requestAnimationFrame(() =>
                    document
                      .getElementById(call && call.maxGroupSize > 1 ? 'mode-single' : 'entrants.0.name')
                      ?.focus(),
                  );
                }}
              >
                重新填写参赛者
              </button>
            </>
          )}
        </section>
      ) : null}
      <div className="pm-actions">
        <button type="submit" className="pm-button pm-button-primary" disabled={busy}>
          {busy ? '正在保存…' : '保存修改'}
        </button>
        <button type="button" className="pm-button pm-button-plain" disabled={busy} onClick={onCancel}>
          取消
        </button>
      </div>
    </form>
  );
}
