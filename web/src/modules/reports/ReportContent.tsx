import { App, Button, Card, Empty, Flex, Form, Input, Typography } from 'antd';
import { SyncOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { FORM_FIELDS, FORMS_WITH_FIGURES } from '../../../../common/contracts/reports';
import { refreshFigures, type SubmissionDetail } from '../../../../common/contracts/reports-submissions';
import { call } from '../../api/client';
import { FiguresTable } from './FiguresTable';
import { ymdhm } from './reportsUi';
import type { SubmissionDraft } from './useSubmissionDraft';

function FiguresTitle({ d }: { d: SubmissionDetail }) {
  return (
    <Flex align="baseline" gap={12} wrap>
      <span>工作指标</span>
      <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
        统计范围：{d.unit.name}及下级，{d.collection.periodStart} 至 {d.collection.periodEnd}
        {d.figuresAt ? `；统计于 ${ymdhm(d.figuresAt)}` : ''}
      </Typography.Text>
    </Flex>
  );
}

function RefreshButton({ d, draft }: { d: SubmissionDetail; draft: SubmissionDraft }) {
  const { message } = App.useApp();
  const run = useMutation({
    mutationFn: async () => {
      const saved = await draft.persist();
      return call(refreshFigures, { params: { id: d.id }, body: { version: saved.version } });
    },
    onSuccess: (next) => {
      draft.apply(next);
      message.success('已按期间重新统计；未改动的填报值已随之更新');
    },
  });
  return (
    <Button icon={<SyncOutlined />} loading={run.isPending} onClick={() => run.mutate()}>
      重新统计
    </Button>
  );
}

/** The report being filled: the form's narrative fields, then (quarterly, annual) the indicators. */
export function ReportEditor({ d, draft }: { d: SubmissionDetail; draft: SubmissionDraft }) {
  const fields = FORM_FIELDS[d.collection.form];
  const withFigures = FORMS_WITH_FIGURES.includes(d.collection.form);
  return (
    <Form
      form={draft.form}
      name="report"
      layout="vertical"
      onValuesChange={draft.markEdited}
      scrollToFirstError={{ block: 'center' }}
    >
      <Flex vertical gap={12}>
        <Card size="small" title="文字材料">
          {fields.map((f) => (
            <Form.Item
              key={f.key}
              name={['content', f.key]}
              label={f.label}
              extra={f.hint}
              rules={f.required ? [{ required: true, whitespace: true, message: `请填写${f.label}` }] : []}
            >
              {f.multiline ? (
                <Input.TextArea autoSize={{ minRows: 4, maxRows: 16 }} maxLength={20000} showCount />
              ) : (
                <Input maxLength={200} />
              )}
            </Form.Item>
          ))}
        </Card>
        {withFigures && (
          <Card size="small" title={<FiguresTitle d={d} />} extra={<RefreshButton d={d} draft={draft} />}>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
              系统统计来自青年库、培训、导师结对和活动的记录；填报值默认等于统计值，如有出入请改正并说明原因。
            </Typography.Paragraph>
            <FiguresTable rows={d.figures} editable />
          </Card>
        )}
      </Flex>
    </Form>
  );
}

/** The report as sent: what the reviewer reads and what stays after it is locked. */
export function ReportView({ d }: { d: SubmissionDetail }) {
  const fields = FORM_FIELDS[d.collection.form];
  const filled = fields.some((f) => d.content[f.key]?.trim());
  return (
    <Flex vertical gap={12}>
      <Card size="small" title="文字材料">
        {filled ? (
          fields.map((f) => (
            <div key={f.key} style={{ marginBottom: 16 }}>
              <Typography.Text strong>{f.label}</Typography.Text>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '4px 0 0' }}>
                {d.content[f.key]?.trim() || <Typography.Text type="secondary">（未填写）</Typography.Text>}
              </Typography.Paragraph>
            </div>
          ))
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未填写" />
        )}
      </Card>
      {FORMS_WITH_FIGURES.includes(d.collection.form) && (
        <Card size="small" title={<FiguresTitle d={d} />}>
          <FiguresTable rows={d.figures} editable={false} />
        </Card>
      )}
    </Flex>
  );
}
