import { useCallback, useEffect, useRef, useState } from 'react';
import { PublicApiError, uploadWorkFile, type PublicCall } from '../api';
import type { FileItem } from './entry-model';
import { formatMb, kindByName, kindsText } from './labels';

type Category = PublicCall['categories'][number];

const MB = 1024 * 1024;

/**
 * Why a chosen file cannot go, checked before anything is sent: the category's kinds (by the name's
 * extension, a first sieve; the server judges the content), its size limit, and how many it takes.
 */
export function refusal(file: File, category: Category, alreadyChosen: number): string | null {
  if (!kindByName(file.name, category.kinds)) {
    return `「${file.name}」不能上传：「${category.label}」类作品只接受${kindsText(category.kinds)}`;
  }
  if (file.size > category.maxMb * MB) {
    return `「${file.name}」超过 ${formatMb(category.maxMb)}，不能上传，请压缩后再试`;
  }
  if (file.size === 0) return `「${file.name}」是空文件，请重新选择`;
  if (alreadyChosen >= category.maxFiles) {
    return `「${file.name}」没有上传：「${category.label}」类作品最多 ${category.maxFiles} 个文件`;
  }
  return null;
}

/**
 * The files of one work: each starts uploading as soon as it is chosen (resumably: a cut connection is
 * retried from where the server stopped, see uploadWorkFile), shows its progress, and can be retried
 * after a refusal or removed (an upload under way is stopped and dropped at the server; a stored file
 * no work uses is swept by the server).
 */
export function useUploads(slug: string) {
  const [items, setItems] = useState<FileItem[]>([]);
  const [refusals, setRefusals] = useState<string[]>([]);
  const aborts = useRef(new Map<number, () => void>());
  const nextId = useRef(1);

  useEffect(() => {
    const running = aborts.current;
    return () => running.forEach((abort) => abort());
  }, []);

  const patch = (id: number, change: Partial<FileItem>) =>
    setItems((old) => old.map((f) => (f.id === id ? { ...f, ...change } : f)));

  const start = useCallback(
    (id: number, file: File, categoryKey: string) => {
      const { done, abort } = uploadWorkFile(slug, categoryKey, file, (p) =>
        patch(id, { progress: p.fraction, phase: p.phase }),
      );
      aborts.current.set(id, abort);
      done
        .then(
          (u) =>
            patch(id, { state: 'done', progress: 1, phase: undefined, token: u.token, scrubbed: u.scrubbed }),
          (err: unknown) => {
            if (err instanceof PublicApiError && err.code === 'aborted') return;
            patch(id, {
              state: 'failed',
              error: err instanceof Error ? err.message : '上传没有成功，请重试',
            });
          },
        )
        .finally(() => aborts.current.delete(id));
    },
    [slug],
  );

  /** Takes what fits the category (beside `kept` files the work already has) and starts it; says why the rest was left out. */
  const add = (files: File[], category: Category, kept = 0) => {
    const taken: FileItem[] = [];
    const refused: string[] = [];
    for (const file of files) {
      const why = refusal(file, category, kept + items.length + taken.length);
      if (why) refused.push(why);
      else taken.push({ id: nextId.current++, file, state: 'uploading', progress: 0 });
    }
    setRefusals(refused);
    setItems((old) => [...old, ...taken]);
    for (const item of taken) start(item.id, item.file, category.key);
  };

  const retry = (id: number, categoryKey: string) => {
    const item = items.find((f) => f.id === id);
    if (!item) return;
    patch(id, { state: 'uploading', progress: 0, phase: undefined, error: undefined });
    start(id, item.file, categoryKey);
  };

  const remove = (id: number) => {
    aborts.current.get(id)?.();
    setItems((old) => old.filter((f) => f.id !== id));
    setRefusals([]);
  };

  return { items, refusals, add, retry, remove };
}
