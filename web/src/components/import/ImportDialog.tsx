import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Modal, Space, Steps } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { ImportContracts, ImportJob } from '../../../../common/contracts/imports';
import { call, download } from '../../api/client';
import { PreviewStep, type ImportChoice } from './PreviewStep';
import { ResultStep } from './ResultStep';
import { UploadStep } from './UploadStep';
import { useImportJob } from './useImportJob';

type Props = {
  contracts: ImportContracts;
  /** '青年' */
  what: string;
  onClose: () => void;
  /** Called once rows have been written, so the list can refresh. */
  onImported?: () => void;
};

const stepOf = (job: ImportJob | undefined) =>
  !job ? 0 : job.status === 'analysing' || job.status === 'ready' ? 1 : 2;

/**
 * The platform's import flow in one dialog: upload → 检查预览 → 导入结果. The work runs as a job on
 * the server; this dialog only follows it, so closing it loses nothing.
 */
export function ImportDialog({ contracts, what, onClose, onImported }: Props) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [jobId, setJobId] = useState<number>();
  const [choice, setChoice] = useState<ImportChoice>({ mode: 'add', policy: 'valid' });
  const [busy, setBusy] = useState(false);
  const { data: job } = useImportJob(contracts, jobId);
  const [notified, setNotified] = useState<number>();

  if (job?.status === 'done' && notified !== job.id) {
    setNotified(job.id);
    onImported?.();
  }

  const refresh = (next: ImportJob) =>
    queryClient.setQueryData(['import-job', contracts.kind, next.id], next);
  const act = async (fn: () => Promise<ImportJob>) => {
    setBusy(true);
    try {
      refresh(await fn());
    } catch (e) {
      message.error(e instanceof Error ? e.message : '操作失败');
    } finally {
      setBusy(false);
    }
  };
  const commit = () => act(() => call(contracts.commit, { params: { id: jobId! }, body: choice }));
  // 重新导入 runs the interrupted import again as it was chosen, from the rows already checked.
  const retry = () =>
    act(() =>
      call(contracts.commit, {
        params: { id: jobId! },
        body: { mode: job?.mode ?? choice.mode, policy: job?.policy ?? choice.policy, sheets: choice.sheets },
      }),
    );
  const cancel = () => act(() => call(contracts.cancel, { params: { id: jobId! } }));
  const report = () =>
    download(contracts.errorReport, { params: { id: jobId! } }).catch((e: Error) => message.error(e.message));
  const restart = () => {
    void queryClient.invalidateQueries({ queryKey: ['import-jobs', contracts.kind] });
    setJobId(undefined);
    setChoice({ mode: 'add', policy: 'valid' });
  };

  const counts = job?.counts;
  const importable = counts ? counts.new + (choice.mode === 'upsert' ? counts.update : 0) : 0;
  const chosenErrors = choice.sheets
    ? (job?.sheets ?? []).filter((s) => choice.sheets!.includes(s.ordinal)).reduce((n, s) => n + s.errors, 0)
    : (counts?.error ?? 0);
  const blocked = !counts || (choice.policy === 'all' && chosenErrors > 0);
  const commitLabel = choice.sheets
    ? `确认导入所选的 ${choice.sheets.length} 个工作表`
    : importable > 0
      ? `确认导入 ${importable} 行`
      : '确认（无可导入的行）';

  const footer = (
    <Space>
      {job?.hasErrorReport && (
        <Button icon={<DownloadOutlined />} onClick={report}>
          下载错误报告
        </Button>
      )}
      {job?.status === 'ready' && (
        <>
          <Button onClick={cancel} loading={busy}>
            放弃本次导入
          </Button>
          <Button type="primary" disabled={blocked} loading={busy} onClick={commit}>
            {commitLabel}
          </Button>
        </>
      )}
      {job?.canRetry && (
        <>
          <Button onClick={cancel} loading={busy}>
            放弃本次导入
          </Button>
          <Button type="primary" loading={busy} onClick={retry}>
            重新导入
          </Button>
        </>
      )}
      {job && ['done', 'failed', 'cancelled', 'interrupted'].includes(job.status) && (
        <Button type={job.status === 'failed' ? 'primary' : 'default'} onClick={restart}>
          {job.status === 'failed' ? '重新上传' : '导入其他文件'}
        </Button>
      )}
      <Button onClick={onClose}>{job?.status === 'done' ? '完成' : '关闭'}</Button>
    </Space>
  );

  return (
    <Modal
      open
      title={`导入${what}`}
      width={1080}
      onCancel={onClose}
      maskClosable={false}
      footer={footer}
      destroyOnHidden
    >
      <Steps
        size="small"
        current={stepOf(job)}
        style={{ marginBottom: 24 }}
        items={[{ title: '上传表格' }, { title: '检查预览' }, { title: '导入结果' }]}
      />
      {!job && (
        <UploadStep contracts={contracts} what={what} onStarted={(j) => (refresh(j), setJobId(j.id))} />
      )}
      {job && stepOf(job) === 1 && (
        <PreviewStep contracts={contracts} job={job} choice={choice} onChoice={setChoice} />
      )}
      {job && stepOf(job) === 2 && <ResultStep job={job} what={what} />}
    </Modal>
  );
}
