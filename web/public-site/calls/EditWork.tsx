import { useEffect, useState, type FormEvent } from 'react';
import { PublicApiError, publicApi, solvedChallenge, type PublicCall, type WorkStatus } from '../api';
import { ErrorSummary, focusField, type FormFields } from '../ui/ErrorSummary';
import { TextField } from '../ui/fields';
import { serverFieldErrors, type FieldErrors } from '../ui/person';
import { DESCRIPTION_MAX, GROUP_NAME_MAX, TITLE_MAX } from './entry-model';
import { FilesField } from './FilesField';
import { formatSize, KIND_LABELS } from './labels';
import { useUploads } from './uploads';

type Props = { code: string; status: WorkStatus; onDone: (s: WorkStatus) => void; onCancel: () => void };

const EDIT_FIELDS: FormFields = {
  order: ['title', 'description', 'groupName', 'removeFileIds', 'files', 'addFiles'],
  elementId: (key) => (key === 'removeFileIds' ? 'kept-files' : key === 'addFiles' ? 'files' : key),
};

/**
 * Until the deadline: the title, the description, the group's name and the files; once a cadre has
 * reviewed the work, the description and the files only (the server holds the same rule). Only what
 * changed is sent.
 */
export function EditWork({ code, status, onDone, onCancel }: Props) {
  const [title, setTitle] = useState(status.title);
  const [description, setDescription] = useState(status.description);
  const [groupName, setGroupName] = useState(status.groupName ?? '');
  const [removed, setRemoved] = useState<number[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [topError, setTopError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [category, setCategory] = useState<PublicCall['categories'][number] | null>(null);
  const uploads = useUploads(status.callSlug);
  const identity = !status.reviewed;
  const group = status.entrantCount > 1;
  const kept = status.files.length - removed.length;

  // The category's kinds and limits, for the files added.
  useEffect(() => {
    publicApi.call(status.callSlug).then(
      (call) => setCategory(call.categories.find((c) => c.key === status.categoryKey) ?? null),
      () => setCategory(null),
    );
  }, [status.callSlug, status.categoryKey]);

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
    const changes = {
      ...(identity && title.trim() !== status.title ? { title: title.trim() } : {}),
      ...(description.trim() !== status.description ? { description: description.trim() } : {}),
      ...(identity && group && groupName.trim() !== (status.groupName ?? '')
        ? { groupName: groupName.trim() || null }
        : {}),
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
      return requestAnimationFrame(() => focusField(local, EDIT_FIELDS));
    }
    setBusy(true);
    setErrors({});
    setTopError(null);
    try {
      onDone(await publicApi.updateWork({ receiptCode: code, ...changes, ...(await solvedChallenge()) }));
    } catch (err) {
      setErrors(err instanceof PublicApiError ? serverFieldErrors(err.details) : {});
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
      <ErrorSummary errors={errors} message={topError} fields={EDIT_FIELDS} />
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
      {identity && group ? (
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
