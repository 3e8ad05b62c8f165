import { Alert, Checkbox, Radio, Space, Table, Tag, Typography } from 'antd';
import type { ImportJob, ImportSheet } from '../../../../common/contracts/imports';
import type { ImportChoice } from './PreviewStep';

/**
 * A workbook with several worksheets: what each holds and whether it was read (a sheet without our
 * header is named with the reason, never silently left out), and which of those read to import.
 */
export function SheetChoice({
  job,
  choice,
  onChoice,
}: {
  job: ImportJob;
  choice: ImportChoice;
  onChoice: (c: ImportChoice) => void;
}) {
  const read = job.sheets.filter((s) => s.read);
  const chosen = choice.sheets ?? read.map((s) => s.ordinal);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text strong>
        工作簿共有 {job.sheets.length} 个工作表，已读取 {read.length} 个
      </Typography.Text>
      <Table<ImportSheet>
        size="small"
        rowKey="ordinal"
        pagination={false}
        dataSource={job.sheets}
        columns={[
          { title: '工作表', dataIndex: 'label' },
          { title: '约有行数', dataIndex: 'approxRows', width: 90 },
          {
            title: '读取情况',
            key: 'read',
            render: (_: unknown, s) =>
              s.read ? (
                <Space size={4}>
                  <Tag color="green">已读取</Tag>
                  {`数据 ${s.dataRows} 行${s.errors ? `，错误 ${s.errors} 行` : ''}`}
                </Space>
              ) : (
                <Space size={4}>
                  <Tag>未读取</Tag>
                  <Typography.Text type="secondary">{s.note}</Typography.Text>
                </Space>
              ),
          },
        ]}
      />
      {read.length > 1 && (
        <Space wrap>
          <Typography.Text strong>导入哪些工作表：</Typography.Text>
          <Radio.Group
            value={choice.sheets ? 'some' : 'all'}
            onChange={(e) =>
              onChoice({ ...choice, sheets: e.target.value === 'all' ? undefined : [read[0].ordinal] })
            }
            options={[
              { value: 'all', label: `全部 ${read.length} 个工作表` },
              { value: 'some', label: '只导入选中的工作表' },
            ]}
          />
          {choice.sheets && (
            <Checkbox.Group
              value={chosen}
              onChange={(v) => onChoice({ ...choice, sheets: v.length ? (v as number[]) : chosen })}
              options={read.map((s) => ({ value: s.ordinal, label: s.name }))}
            />
          )}
        </Space>
      )}
      {choice.sheets && (
        <Alert
          type="info"
          showIcon
          message="未选中的工作表不会导入；上方的统计和预览包含全部已读取的工作表"
        />
      )}
    </Space>
  );
}
