import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Flex, Space, Typography } from 'antd';
import { FileWordOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import {
  exportSubmissionDocument,
  type SubmissionDetail,
} from '../../../../common/contracts/reports-submissions';
import { download } from '../../api/client';
import { useCan, useViewer } from '../../app/session';
import { ReviewActions } from './ReviewActions';
import {
  DaysLeft,
  FormTag,
  StatusTag,
  TimelinessTag,
  errorText,
  periodLabel,
  stillOwed,
  ymdhm,
} from './reportsUi';

function WordButton({ id }: { id: number }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const go = async () => {
    setBusy(true);
    try {
      message.success(`已下载：${await download(exportSubmissionDocument, { params: { id } })}`);
    } catch (e) {
      message.error(errorText(e, '下载失败'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<FileWordOutlined />} loading={busy} onClick={() => void go()}>
      下载报告（Word）
    </Button>
  );
}

/** Why the report cannot be edited by its own unit now, in the cadre's terms (others only read it). */
function lockReason(d: SubmissionDetail, ownUnit: boolean, canSubmit: boolean): string | null {
  if (d.canEdit || d.canReview) return null;
  if (d.status === 'accepted') return `${d.reviewerUnit.name}已审核通过，报告已锁定。`;
  if (!ownUnit) return null;
  if (d.status === 'submitted') return `已报送，等待${d.reviewerUnit.name}审核；审核前不能修改。`;
  if (d.collection.status === 'closed') return '报送任务已结束，不能再填报。';
  if (!canSubmit) return '您的角色不能填报报告，请由本单位经办人员填报。';
  return null;
}

/** The report's facts, its deadline, and what the viewer may do with it. */
export function SubmissionHeader({
  d,
  onReviewed,
}: {
  d: SubmissionDetail;
  onReviewed: (next: SubmissionDetail) => void;
}) {
  const me = useViewer();
  const can = useCan();
  const lastReturn = [...d.events].reverse().find((e) => e.action === 'returned');
  const lock = lockReason(d, me.unit.id === d.unit.id, can('reports.submit'));
  const c = d.collection;
  return (
    <>
      <Card size="small">
        <Flex justify="space-between" align="start" gap={16} wrap>
          <Space align="center" size={12} wrap>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {c.title}
            </Typography.Title>
            <Typography.Text type="secondary">{d.unit.name}</Typography.Text>
            <StatusTag status={d.status} />
            <TimelinessTag value={d.timeliness} />
          </Space>
          <Space wrap>
            {d.canReview && <ReviewActions d={d} onDone={onReviewed} />}
            <WordButton id={d.id} />
          </Space>
        </Flex>
        <Descriptions size="small" column={3} style={{ marginTop: 12 }}>
          <Descriptions.Item label="报表">
            <FormTag form={c.form} />
          </Descriptions.Item>
          <Descriptions.Item label="期间">
            {periodLabel(c)}（{c.periodStart} 至 {c.periodEnd}）
          </Descriptions.Item>
          <Descriptions.Item label="截止日期">
            <Space size={8}>
              {d.deadline}
              {stillOwed(d.status) && c.status === 'open' && <DaysLeft days={d.daysLeft} />}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label="报送单位">{d.unit.name}</Descriptions.Item>
          <Descriptions.Item label="审核单位">{d.reviewerUnit.name}</Descriptions.Item>
          <Descriptions.Item label="发起单位">
            <Link to={`/reports/collections/${c.id}`}>{c.openedBy.name}</Link>
          </Descriptions.Item>
          <Descriptions.Item label="首次报送">{ymdhm(d.firstSubmittedAt)}</Descriptions.Item>
          <Descriptions.Item label="最近报送">{ymdhm(d.submittedAt)}</Descriptions.Item>
          <Descriptions.Item label="审核">
            {d.reviewedAt ? ymdhm(d.reviewedAt) : '—'}
            {d.returnCount > 0 && (
              <Typography.Text type="danger" style={{ marginLeft: 8 }}>
                退回 {d.returnCount} 次
              </Typography.Text>
            )}
          </Descriptions.Item>
          {c.instructions && (
            <Descriptions.Item label="报送要求" span={3}>
              <span style={{ whiteSpace: 'pre-wrap' }}>{c.instructions}</span>
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      {d.status === 'returned' && lastReturn && (
        <Alert
          type="error"
          showIcon
          title={`${lastReturn.unit}退回了这份报告，请按意见修改后重新报送`}
          description={
            <>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0, fontSize: 15 }}>
                {lastReturn.comment}
              </Typography.Paragraph>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {lastReturn.by ?? ''} 退回于 {ymdhm(lastReturn.at)}
              </Typography.Text>
            </>
          }
        />
      )}
      {lock && <Alert type={d.status === 'accepted' ? 'success' : 'warning'} showIcon title={lock} />}
    </>
  );
}
