import { Alert, Col, Descriptions, Progress, Radio, Row, Space, Statistic, Tag, Typography } from 'antd';
import type { ImportContracts, ImportJob } from '../../../../common/contracts/imports';
import { ImportRowsTable } from './ImportRowsTable';
import { SheetChoice } from './SheetChoice';

/** `sheets`: the worksheets to import when several were read; undefined for all of them. */
export type ImportChoice = { mode: 'add' | 'upsert'; policy: 'all' | 'valid'; sheets?: number[] };

const formatTime = (iso: string) => new Date(iso).toLocaleString('zh-CN', { hour12: false });

/** Step 2: while the file is checked, its progress; then counts, columns, rows and the user's choices. */
export function PreviewStep({
  contracts,
  job,
  choice,
  onChoice,
}: {
  contracts: ImportContracts;
  job: ImportJob;
  choice: ImportChoice;
  onChoice: (c: ImportChoice) => void;
}) {
  if (job.status === 'analysing') {
    const { done, total } = job.progress;
    return (
      <Space direction="vertical" style={{ width: '100%', padding: '32px 0' }} align="center">
        <Typography.Text>正在逐行检查“{job.fileName}”……</Typography.Text>
        <Progress
          style={{ width: 480 }}
          percent={total ? Math.min(99, Math.floor((done / total) * 100)) : 0}
          status="active"
        />
        <Typography.Text type="secondary">
          已检查 {done.toLocaleString('zh-CN')} 行，可关闭窗口，检查在后台继续
        </Typography.Text>
      </Space>
    );
  }
  const counts = job.counts!;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {job.previousImport && (
        <Alert
          type="warning"
          showIcon
          message={`同一文件已于 ${formatTime(job.previousImport.at)} 由 ${job.previousImport.by} 导入过，已登记的人员不会重复新增`}
        />
      )}
      <Row gutter={16}>
        {(
          [
            ['数据行', counts.total, undefined],
            ['新增', counts.new, '#389e0d'],
            ['更新', counts.update, '#0958d9'],
            ['重复', counts.duplicate, '#8c8c8c'],
            ['错误', counts.error, '#cf1322'],
            ['有警告', counts.warning, '#d46b08'],
          ] as const
        ).map(([title, value, color]) => (
          <Col span={4} key={title}>
            <Statistic title={title} value={value} valueStyle={color ? { color } : undefined} />
          </Col>
        ))}
      </Row>
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label="识别的列">
          {job.columns.matched.map((c) => (
            <Tag key={c.header + c.label}>{c.header === c.label ? c.label : `${c.header} → ${c.label}`}</Tag>
          ))}
        </Descriptions.Item>
        {job.columns.ignored.length > 0 && (
          <Descriptions.Item label="未识别（不导入）">
            {job.columns.ignored.map((h) => (
              <Tag key={h} color="orange">
                {h}
              </Tag>
            ))}
          </Descriptions.Item>
        )}
        {job.sheetInfo.length > 0 && (
          <Descriptions.Item label="表头信息">{job.sheetInfo.join('；')}</Descriptions.Item>
        )}
        <Descriptions.Item label="导入到">{job.unit.name}</Descriptions.Item>
      </Descriptions>
      {job.sheets.length > 1 && <SheetChoice job={job} choice={choice} onChoice={onChoice} />}
      <ImportRowsTable contracts={contracts} jobId={job.id} counts={counts} />
      <Space size="large" wrap>
        <span>
          <Typography.Text strong>已登记的人员：</Typography.Text>
          <Radio.Group
            value={choice.mode}
            onChange={(e) => onChoice({ ...choice, mode: e.target.value as ImportChoice['mode'] })}
            options={[
              { value: 'add', label: '仅新增，不改动已有记录' },
              { value: 'upsert', label: `新增并更新已有记录（${counts.update} 人）` },
            ]}
          />
        </span>
        <span>
          <Typography.Text strong>有错误的行：</Typography.Text>
          <Radio.Group
            value={choice.policy}
            onChange={(e) => onChoice({ ...choice, policy: e.target.value as ImportChoice['policy'] })}
            options={[
              { value: 'valid', label: '只导入无误的行，下载错误报告修改后再导' },
              { value: 'all', label: '全部无误才导入' },
            ]}
          />
        </span>
      </Space>
      {choice.policy === 'all' && counts.error > 0 && (
        <Alert
          type="error"
          showIcon
          message={`有 ${counts.error} 行错误：请下载错误报告修改后重新上传，或改选“只导入无误的行”`}
        />
      )}
    </Space>
  );
}
