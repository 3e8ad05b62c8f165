import { App, Button, Card, Empty, Table, Typography } from 'antd';
import { MergeCellsOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Link } from 'react-router';
import {
  consolidateSubmission,
  type SubmissionDetail,
} from '../../../../common/contracts/reports-submissions';
import { call } from '../../api/client';
import { levelName, ymdhm } from './reportsUi';
import type { SubmissionDraft } from './useSubmissionDraft';

type Row = SubmissionDetail['consolidated'][number];

/** 汇总下级: the accepted reports of the units below that travel up inside this one. */
export function ConsolidateSection({ d, draft }: { d: SubmissionDetail; draft: SubmissionDraft }) {
  const { message } = App.useApp();
  const run = useMutation({
    mutationFn: async () => {
      const saved = await draft.persist();
      return call(consolidateSubmission, { params: { id: d.id }, body: { version: saved.version } });
    },
    onSuccess: (next) => {
      draft.apply(next);
      message.success(`已汇总下级报送，共 ${next.consolidated.length} 份`);
    },
  });
  return (
    <Card
      size="small"
      title={`汇总下级报送（${d.consolidated.length}）`}
      extra={
        d.canEdit &&
        d.consolidatable > 0 && (
          <Button icon={<MergeCellsOutlined />} loading={run.isPending} onClick={() => run.mutate()}>
            汇总下级（新增 {d.consolidatable} 份）
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
        本单位审核通过的下级报送可纳入本报告，随本报告一并上报；上级可在报告和汇总导出中看到。
        {d.consolidatable > 0 && `目前还有 ${d.consolidatable} 份已通过的下级报送未纳入。`}
      </Typography.Paragraph>
      {d.consolidated.length ? (
        <Table<Row>
          size="small"
          rowKey="id"
          dataSource={d.consolidated}
          pagination={{ pageSize: 10, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 份` }}
          columns={[
            {
              key: 'unit',
              title: '下级单位',
              render: (_, r) => <Link to={`/reports/submissions/${r.id}`}>{r.unit.name}</Link>,
            },
            { key: 'level', title: '层级', render: (_, r) => levelName(r.unit.level) },
            { key: 'submittedAt', title: '报送时间', render: (_, r) => ymdhm(r.submittedAt) },
          ]}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未汇总下级报送" />
      )}
    </Card>
  );
}
