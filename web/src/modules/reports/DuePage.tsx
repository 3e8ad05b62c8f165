import { useState } from 'react';
import { Button, Flex, Segmented, Typography } from 'antd';
import { Link } from 'react-router';
import { listDue, type DueItem } from '../../../../common/contracts/reports';
import { call } from '../../api/client';
import { useCan, useViewer } from '../../app/session';
import { ListPage } from '../../components/ListPage';
import { DaysLeft, FormTag, StatusTag, TimelinessTag, periodLabel, stillOwed, ymd } from './reportsUi';

type Show = 'open' | 'all';

function ActionButton({ item, canSubmit }: { item: DueItem; canSubmit: boolean }) {
  const to = `/reports/submissions/${item.submissionId}`;
  const writable = canSubmit && item.collection.status === 'open';
  if (writable && item.status === 'returned') {
    return (
      <Link to={to}>
        <Button size="small" type="primary" danger>
          修改后重新报送
        </Button>
      </Link>
    );
  }
  if (writable && (item.status === 'pending' || item.status === 'draft')) {
    return (
      <Link to={to}>
        <Button size="small" type="primary">
          {item.status === 'pending' ? '填报' : '继续填报'}
        </Button>
      </Link>
    );
  }
  return (
    <Link to={to}>
      <Button size="small">查看</Button>
    </Link>
  );
}

/** 待报送: what the viewer's unit must send up, most urgent first, and why a report came back. */
export function DuePage() {
  const me = useViewer();
  const can = useCan();
  const [show, setShow] = useState<Show>('open');
  const canSubmit = can('reports.submit');
  return (
    <Flex vertical gap={12}>
      <Flex align="baseline" gap={12}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          待报送
        </Typography.Title>
        <Typography.Text type="secondary">{me.unit.orgName}须向上级报送的报告</Typography.Text>
      </Flex>
      <ListPage<DueItem>
        listKey={`reports-due-${show}`}
        title={show === 'open' ? '未完成的报送（含待审核、被退回）' : '全部报送（含已通过）'}
        fetch={({ page, pageSize }) => call(listDue, { query: { page, pageSize, show } })}
        rowKey={(d) => d.submissionId}
        toolbar={() => (
          <Segmented<Show>
            value={show}
            onChange={setShow}
            options={[
              { value: 'open', label: '待办' },
              { value: 'all', label: '全部（含已通过）' },
            ]}
          />
        )}
        columns={[
          {
            key: 'title',
            title: '报送任务',
            fixed: 'left',
            render: (_: unknown, d: DueItem) => (
              <Flex vertical gap={2} align="start">
                <Link to={`/reports/submissions/${d.submissionId}`}>{d.collection.title}</Link>
                <Flex align="center" gap={4}>
                  <FormTag form={d.collection.form} />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {periodLabel(d.collection)}
                  </Typography.Text>
                </Flex>
              </Flex>
            ),
          },
          { key: 'openedBy', title: '发起单位', render: (_: unknown, d: DueItem) => d.collection.openedBy },
          { key: 'deadline', title: '截止日期', dataIndex: 'deadline' },
          {
            key: 'daysLeft',
            title: '剩余时间',
            render: (_: unknown, d: DueItem) =>
              stillOwed(d.status) && d.collection.status === 'open' ? (
                <DaysLeft days={d.daysLeft} />
              ) : d.submittedAt ? (
                <Typography.Text type="secondary">{ymd(d.submittedAt)} 已报送</Typography.Text>
              ) : (
                <Typography.Text type="secondary">任务已结束</Typography.Text>
              ),
          },
          {
            key: 'status',
            title: '状态',
            render: (_: unknown, d: DueItem) => <StatusTag status={d.status} />,
          },
          {
            key: 'timeliness',
            title: '及时性',
            render: (_: unknown, d: DueItem) => <TimelinessTag value={d.timeliness} />,
          },
          {
            key: 'returnComment',
            title: '退回意见',
            width: 250,
            render: (_: unknown, d: DueItem) =>
              d.status === 'returned' && d.returnComment ? (
                <Typography.Paragraph
                  type="danger"
                  ellipsis={{ rows: 2, tooltip: d.returnComment }}
                  style={{ margin: 0, width: 230 }}
                >
                  {d.returnComment}
                </Typography.Paragraph>
              ) : (
                <Typography.Text type="secondary">—</Typography.Text>
              ),
          },
          {
            key: 'actions',
            title: '操作',
            fixed: 'right',
            render: (_: unknown, d: DueItem) => <ActionButton item={d} canSubmit={canSubmit} />,
          },
        ]}
      />
    </Flex>
  );
}
