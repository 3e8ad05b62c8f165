import type { PublicCall } from '../api';
import type { FileItem } from './entry-model';
import { acceptFor, formatMb, formatSize, kindsText } from './labels';

type Props = {
  category: PublicCall['categories'][number] | null;
  items: readonly FileItem[];
  refusals: readonly string[];
  error?: string;
  onAdd: (files: File[]) => void;
  onRetry: (id: number) => void;
  onRemove: (id: number) => void;
  /** Files the work already has (an edit), counted against the category's limit. */
  kept?: number;
  /** An edit adds files to those kept: then none is required. */
  legend?: string;
  required?: boolean;
};

function ItemState({ item }: { item: FileItem }) {
  if (item.state === 'done') {
    return (
      <p className="pm-file-state pm-file-done">
        已上传{item.scrubbed ? '（已去除照片中的拍摄地点、设备等信息）' : ''}
      </p>
    );
  }
  if (item.state === 'failed') {
    return (
      <p className="pm-error" id={`file-${item.id}-error`}>
        {item.error}
      </p>
    );
  }
  const percent = Math.round(item.progress * 100);
  const text =
    item.phase === 'finishing'
      ? '已传完，正在检查文件…'
      : item.phase === 'retrying'
        ? `网络中断，重试中…（已上传 ${percent}%）`
        : item.phase === 'paused'
          ? `已暂停：网络不可用，恢复后自动继续（已上传 ${percent}%）`
          : item.progress > 0
            ? `上传中 ${percent}%`
            : '准备上传…';
  return (
    <div
      className={`pm-file-progress${item.phase === 'paused' || item.phase === 'retrying' ? ' pm-file-waiting' : ''}`}
    >
      <progress max={100} value={percent} aria-label={`「${item.file.name}」上传进度`} />
      <span role="status">{text}</span>
    </div>
  );
}

/** The work's files: chosen, checked, uploaded at once with a progress bar each, retried or removed. */
export function FilesField(p: Props) {
  const { category, items, refusals, error, onAdd, onRetry, onRemove, kept = 0 } = p;
  const full = category ? kept + items.length >= category.maxFiles : true;
  const describedBy = ['files-hint', error ? 'files-error' : '', refusals.length ? 'files-refused' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <fieldset className="pm-fieldset pm-field" aria-describedby={describedBy}>
      <legend className="pm-label">
        {p.legend ?? '作品文件'}
        {p.required === false ? null : <span className="pm-required">（必填）</span>}
      </legend>
      <p className="pm-hint" id="files-hint">
        {category
          ? `可上传${kindsText(category.kinds)}，${kept ? '连同已提交的' : ''}最多 ${category.maxFiles} 个，每个不超过 ${formatMb(category.maxMb)}。选择后立即上传，网络中断后会自动续传，请保持页面打开。`
          : '请先选择作品类别，再上传文件。'}
      </p>
      {items.length ? (
        <ul className="pm-files">
          {items.map((item, i) => (
            <li key={item.id} className={`pm-file pm-file-is-${item.state}`}>
              <p className="pm-file-name">
                <span>
                  {i + 1 + kept}. {item.file.name}
                </span>
                <span className="pm-file-size">{formatSize(item.file.size)}</span>
              </p>
              <ItemState item={item} />
              <div className="pm-file-actions">
                {item.state === 'failed' ? (
                  <button
                    type="button"
                    className="pm-button pm-button-secondary"
                    aria-describedby={`file-${item.id}-error`}
                    onClick={() => onRetry(item.id)}
                  >
                    重新上传
                  </button>
                ) : null}
                <button type="button" className="pm-button pm-button-plain" onClick={() => onRemove(item.id)}>
                  {item.state === 'uploading' ? '取消上传' : '删除'}
                  <span className="pm-visually-hidden">「{item.file.name}」</span>
                </button>
              </div>
            </li>
          ))}
        </ul>
      ) : null}
      {refusals.length ? (
        <ul className="pm-file-refusals" id="files-refused" role="alert">
          {refusals.map((r) => (
            <li key={r} className="pm-error">
              {r}
            </li>
          ))}
        </ul>
      ) : null}
      <input
        id="files"
        className="pm-file-input"
        type="file"
        multiple={category ? category.maxFiles > 1 : false}
        accept={category ? acceptFor(category.kinds) : undefined}
        disabled={full}
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
        onChange={(e) => {
          const chosen = Array.from(e.target.files ?? []);
          e.target.value = '';
          if (chosen.length && category) onAdd(chosen);
        }}
      />
      <label
        htmlFor="files"
        className={`pm-button pm-button-secondary pm-file-pick${full ? ' pm-disabled' : ''}`}
      >
        {!category
          ? '请先选择作品类别'
          : full
            ? '文件数已达上限'
            : items.length + kept
              ? '＋ 继续添加文件'
              : '＋ 选择文件'}
      </label>
      {error ? (
        <p className="pm-error" id="files-error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
