import { useCallback, useEffect, useState } from 'react';
import { Form } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { FORM_FIELDS } from '../../../../common/contracts/reports';
import { saveSubmission, type SubmissionDetail } from '../../../../common/contracts/reports-submissions';
import { call } from '../../api/client';

export type DraftValues = {
  content: Record<string, string | undefined>;
  figures: Record<string, { value: number | null; explain: string | null }>;
};

export const submissionKey = (id: number) => ['reports', 'submission', id] as const;

export function valuesOf(d: SubmissionDetail): DraftValues {
  return {
    content: Object.fromEntries(FORM_FIELDS[d.collection.form].map((f) => [f.key, d.content[f.key] ?? ''])),
    figures: Object.fromEntries(d.figures.map((r) => [r.key, { value: r.value, explain: r.explain }])),
  };
}

function bodyOf(values: DraftValues, d: SubmissionDetail) {
  return {
    version: d.version,
    content: Object.fromEntries(
      FORM_FIELDS[d.collection.form].map((f) => [f.key, (values.content?.[f.key] ?? '').trim()]),
    ),
    figures: d.figures.map((r) => {
      const v = values.figures?.[r.key];
      return { key: r.key, value: v?.value ?? null, explain: v?.explain?.trim() || null };
    }),
  };
}

/**
 * The report's editable part (narrative and indicator values) in one antd form. Every other action
 * (重新统计, 生成花名册, 汇总下级, 附件, 报送) first saves unsaved edits, so the version it sends is the
 * one the server holds and nothing typed is lost. The form follows the server whenever the version moves.
 */
export function useSubmissionDraft(detail: SubmissionDetail) {
  const [form] = Form.useForm<DraftValues>();
  const queryClient = useQueryClient();
  const [editedAt, setEditedAt] = useState<number | null>(null);
  const dirty = editedAt === detail.version;

  useEffect(() => {
    if (detail.canEdit) form.setFieldsValue(valuesOf(detail));
    // Only a new version of the report replaces what the form shows.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [form, detail.id, detail.version, detail.canEdit]);

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const apply = useCallback(
    (next: SubmissionDetail) => {
      queryClient.setQueryData(submissionKey(next.id), next);
      void queryClient.invalidateQueries({ queryKey: ['list'] });
      void queryClient.invalidateQueries({ queryKey: ['reports', 'reminders'] });
      return next;
    },
    [queryClient],
  );

  const save = useCallback(
    async () =>
      apply(
        await call(saveSubmission, {
          params: { id: detail.id },
          body: bodyOf(form.getFieldsValue(true) as DraftValues, detail),
        }),
      ),
    [apply, detail, form],
  );

  /** The report as the server holds it after saving what was typed: the version to act on. */
  const persist = useCallback(async () => (dirty ? save() : detail), [dirty, save, detail]);

  return { form, dirty, markEdited: () => setEditedAt(detail.version), save, persist, apply };
}

export type SubmissionDraft = ReturnType<typeof useSubmissionDraft>;
