import { useState } from 'react';
import { App, Button, Dropdown, Space } from 'antd';
import { DownOutlined, DownloadOutlined } from '@ant-design/icons';
import { useCan } from '../../app/session';
import { ReasonModal } from '../youth/ReasonModal';
import { errorText } from './reportsUi';

/**
 * An .xlsx export with personal data masked; with `personal.export`, the unmasked file after a
 * reason (logged by the server). `run` downloads and resolves to the file name.
 */
export function MaskedExport({
  label,
  run,
}: {
  label: string;
  run: (unmasked: boolean, reason?: string) => Promise<string>;
}) {
  const can = useCan();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState(false);

  const go = async (unmasked: boolean, reason?: string) => {
    setBusy(true);
    try {
      message.success(`已导出：${await run(unmasked, reason)}`);
    } catch (e) {
      message.error(errorText(e, '导出失败'));
      throw e;
    } finally {
      setBusy(false);
    }
  };

  if (!can('personal.export')) {
    return (
      <Button icon={<DownloadOutlined />} loading={busy} onClick={() => void go(false).catch(() => {})}>
        {label}
      </Button>
    );
  }
  return (
    <>
      <Space.Compact>
        <Button icon={<DownloadOutlined />} loading={busy} onClick={() => void go(false).catch(() => {})}>
          {label}
        </Button>
        <Dropdown
          trigger={['click']}
          menu={{
            items: [{ key: 'unmasked', label: '导出完整信息（不脱敏）…' }],
            onClick: () => setAsking(true),
          }}
        >
          <Button icon={<DownOutlined />} aria-label="更多导出方式" disabled={busy} />
        </Dropdown>
      </Space.Compact>
      {asking && (
        <ReasonModal
          title="导出完整信息"
          intro="导出文件将包含完整的身份证号和手机号，本次导出及原因记入审计日志。请妥善保管文件。"
          label="导出原因"
          okText="导出"
          onSubmit={(reason) => go(true, reason)}
          onClose={() => setAsking(false)}
        />
      )}
    </>
  );
}
