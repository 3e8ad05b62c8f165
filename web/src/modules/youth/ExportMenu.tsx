import { useState } from 'react';
import { App, Button, Dropdown, Space } from 'antd';
import { DownOutlined, DownloadOutlined } from '@ant-design/icons';
import { exportYouth, type YouthFilter } from '../../../../common/contracts/youth';
import { download } from '../../api/client';
import { useCan } from '../../app/session';
import { ReasonModal } from './ReasonModal';

type Request = { layout: 'list' | 'roster'; unmasked: boolean; reason?: string };

/** 导出 the current filter (masked); 花名册 for key targets; unmasked only with a reason. */
export function ExportMenu({
  filter,
  sort,
  columns,
}: {
  filter: YouthFilter;
  sort?: string;
  columns: string[];
}) {
  const can = useCan();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState(false);

  const run = async (r: Request) => {
    setBusy(true);
    try {
      const name = await download(exportYouth, { body: { filter, sort, columns, ...r } });
      message.success(`已导出：${name}`);
    } catch (e) {
      message.error(e instanceof Error ? e.message : '导出失败');
      throw e;
    } finally {
      setBusy(false);
    }
  };

  const items = [
    { key: 'roster', label: '导出花名册（重点培养对象）' },
    ...(can('personal.export') ? [{ key: 'unmasked', label: '导出完整信息（不脱敏）…' }] : []),
  ];
  return (
    <>
      <Space.Compact>
        <Button
          icon={<DownloadOutlined />}
          loading={busy}
          onClick={() => void run({ layout: 'list', unmasked: false }).catch(() => {})}
        >
          导出
        </Button>
        <Dropdown
          trigger={['click']}
          menu={{
            items,
            onClick: ({ key }) =>
              key === 'unmasked'
                ? setAsking(true)
                : void run({ layout: 'roster', unmasked: false }).catch(() => {}),
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
          onSubmit={(reason) => run({ layout: 'list', unmasked: true, reason })}
          onClose={() => setAsking(false)}
        />
      )}
    </>
  );
}
