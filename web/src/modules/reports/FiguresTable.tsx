import { Form, Input, InputNumber, Table, Typography } from 'antd';
import type { FigureRow } from '../../../../common/contracts/reports-submissions';

const differs = (r: FigureRow, value: number | null | undefined) =>
  value !== null && value !== undefined && r.auto !== null && value !== r.auto;

/** 差异说明: asked for when the reported value is not the system's count. */
function ExplainCell({ row }: { row: FigureRow }) {
  const value = Form.useWatch<number | null>(['figures', row.key, 'value']);
  const needed = differs(row, value);
  return (
    <Form.Item
      name={['figures', row.key, 'explain']}
      dependencies={[['figures', row.key, 'value']]}
      style={{ margin: 0 }}
      rules={[
        ({ getFieldValue }) => ({
          validator: (_, explain?: string | null) =>
            differs(row, getFieldValue(['figures', row.key, 'value'])) && !explain?.trim()
              ? Promise.reject(new Error('填报值与系统统计不一致，请说明原因'))
              : Promise.resolve(),
        }),
      ]}
    >
      <Input
        aria-label={`${row.label}差异说明`}
        maxLength={500}
        placeholder={needed ? '请说明与系统统计不一致的原因' : '与系统统计一致时无需填写'}
        status={needed ? 'warning' : undefined}
      />
    </Form.Item>
  );
}

const auto = (r: FigureRow) =>
  r.auto === null ? <Typography.Text type="secondary">未统计</Typography.Text> : `${r.auto} ${r.unit}`;

/**
 * The indicators of 季度工作进展 / 年度总结: the system's count for the period beside what the unit
 * reports. Editable inside the report's form, or read-only with the differences and their reasons.
 */
export function FiguresTable({ rows, editable }: { rows: FigureRow[]; editable: boolean }) {
  return (
    <Table<FigureRow>
      size="small"
      rowKey="key"
      dataSource={rows}
      pagination={false}
      locale={{ emptyText: '尚未统计指标，请点击“重新统计”' }}
      columns={[
        {
          key: 'label',
          title: '指标',
          width: 220,
          render: (_, r) => (
            <div>
              <Typography.Text strong>{r.label}</Typography.Text>
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  口径：{r.note}
                </Typography.Text>
              </div>
            </div>
          ),
        },
        { key: 'auto', title: '系统统计', width: 110, align: 'right', render: (_, r) => auto(r) },
        {
          key: 'value',
          title: '填报值',
          width: 150,
          render: (_, r) =>
            editable ? (
              <Form.Item
                name={['figures', r.key, 'value']}
                style={{ margin: 0 }}
                rules={[{ required: true, message: '请填写' }]}
              >
                <InputNumber
                  aria-label={`${r.label}填报值`}
                  min={0}
                  max={1e9}
                  precision={0}
                  suffix={r.unit}
                  style={{ width: '100%' }}
                />
              </Form.Item>
            ) : (
              <Typography.Text type={differs(r, r.value) ? 'warning' : undefined} strong>
                {r.value === null ? '—' : `${r.value} ${r.unit}`}
              </Typography.Text>
            ),
        },
        {
          key: 'explain',
          title: '差异说明',
          render: (_, r) =>
            editable ? (
              <ExplainCell row={r} />
            ) : (
              <Typography.Text type="secondary">{r.explain || '—'}</Typography.Text>
            ),
        },
      ]}
    />
  );
}
