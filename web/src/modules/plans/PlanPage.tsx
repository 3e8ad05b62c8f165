import { useState } from 'react';
import {
  App,
  Breadcrumb,
  Button,
  Card,
  Descriptions,
  Dropdown,
  Flex,
  Popconfirm,
  Result,
  Space,
  Spin,
  Statistic,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { DownloadOutlined, EditOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  PLAN_SOURCES,
  deletePlan,
  downloadPlanSource,
  exportPlanDivision,
  exportPlanReport,
} from '../../../../common/contracts/plans';
import { getDivision, getPlan, type PlanDetail } from '../../../../common/contracts/plans-tasks';
import { ApiError, call, download } from '../../api/client';
import { useCan } from '../../app/session';
import { CopiesTable } from './CopiesTable';
import { DivisionMatrix } from './DivisionMatrix';
import { IssueDialog } from './IssueDialog';
import { PlanDialog } from './PlanDialog';
import { PlanTasksTable } from './PlanTasksTable';
import { TaskDialog } from './TaskDialog';
import { KindTag, LightSummary, errorText } from './plansUi';

type Dialog = 'edit' | 'task' | 'issue' | null;

function Division({ planId }: { planId: number }) {
  const division = useQuery({
    queryKey: ['plans', planId, 'division'],
    queryFn: () => call(getDivision, { query: { planId } }),
  });
  if (!division.data) return <Spin style={{ display: 'block', margin: 32 }} />;
  return <DivisionMatrix division={division.data} planId={planId} />;
}

function Original({ plan }: { plan: PlanDetail }) {
  const { message } = App.useApp();
  return (
    <Card size="small">
      {plan.sourceFile && (
        <Button
          icon={<DownloadOutlined />}
          style={{ marginBottom: 12 }}
          onClick={() =>
            void download(downloadPlanSource, { params: { id: plan.id } }).catch((e: unknown) =>
              message.error(errorText(e, '下载失败')),
            )
          }
        >
          下载原文：{plan.sourceFile.name}
        </Button>
      )}
      {plan.preamble && (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{plan.preamble}</Typography.Paragraph>
      )}
      {plan.closing && (
        <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap' }}>
          {plan.closing}
        </Typography.Paragraph>
      )}
      {!plan.sourceFile && !plan.preamble && !plan.closing && (
        <Typography.Text type="secondary">手工录入的方案没有原文</Typography.Text>
      )}
    </Card>
  );
}

/** One plan: its details, how its tasks stand, the tasks by section, the 分工 view, the copies below. */
export function PlanPage() {
  const id = Number(useParams().id);
  const can = useCan();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<Dialog>(null);
  const plan = useQuery({
    queryKey: ['plans', id],
    queryFn: () => call(getPlan, { params: { id } }),
    enabled: id > 0,
    meta: { silent: true },
  });
  const reload = () => {
    void queryClient.invalidateQueries({ queryKey: ['plans', id] });
    void queryClient.invalidateQueries({ queryKey: ['list'] });
  };
  const remove = useMutation({
    mutationFn: (p: PlanDetail) => call(deletePlan, { params: { id: p.id }, query: { version: p.version } }),
    onSuccess: () => {
      message.success('已删除方案');
      void queryClient.invalidateQueries({ queryKey: ['list'] });
      navigate('/plans');
    },
  });
  if (plan.isError || !(id > 0)) {
    const gone = plan.error instanceof ApiError && plan.error.status === 404;
    return (
      <Result
        status={gone ? '404' : 'warning'}
        title={gone || !(id > 0) ? '找不到该方案，或不在您的管辖范围内' : plan.error?.message}
        extra={<Link to="/plans">返回工作方案</Link>}
      />
    );
  }
  if (!plan.data) return <Spin style={{ display: 'block', margin: 48 }} />;
  const p = plan.data;
  const write = can('plans.write');
  const exportAs = (kind: 'report' | 'division') =>
    void (
      kind === 'report'
        ? download(exportPlanReport, { params: { id } })
        : download(exportPlanDivision, { params: { id } })
    ).catch((e: unknown) => message.error(errorText(e, '导出失败')));
  return (
    <Flex vertical gap={12}>
      <Breadcrumb items={[{ title: <Link to="/plans">工作方案</Link> }, { title: p.title }]} />
      <Card
        size="small"
        title={
          <Space wrap>
            <span style={{ fontSize: 18, whiteSpace: 'normal' }}>{p.title}</span>
            <KindTag kind={p.kind} />
            {p.source === 'issued' && (
              <Tag color="volcano">上级下发{p.issuedBy ? `：${p.issuedBy}` : ''}</Tag>
            )}
          </Space>
        }
        extra={
          <Space wrap>
            {write && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog('task')}>
                新增任务
              </Button>
            )}
            {write && (
              <Button icon={<EditOutlined />} onClick={() => setDialog('edit')}>
                编辑方案
              </Button>
            )}
            {write && p.canIssue && (
              <Button icon={<SendOutlined />} onClick={() => setDialog('issue')}>
                下发
              </Button>
            )}
            <Dropdown
              menu={{
                items: [
                  { key: 'report', label: '推进情况报告（Word）' },
                  { key: 'division', label: '任务分工表（Excel）' },
                ],
                onClick: ({ key }) => exportAs(key as 'report' | 'division'),
              }}
            >
              <Button icon={<DownloadOutlined />}>导出</Button>
            </Dropdown>
            {write && (
              <Popconfirm
                title="删除该方案及其全部任务和进展记录？"
                okText="删除"
                okButtonProps={{ danger: true }}
                onConfirm={() => remove.mutate(p)}
              >
                <Button danger>删除</Button>
              </Popconfirm>
            )}
          </Space>
        }
      >
        <Flex gap={32} wrap>
          <Descriptions column={3} size="small" style={{ flex: 1, minWidth: 560 }}>
            <Descriptions.Item label="单位">{p.unit.name}</Descriptions.Item>
            <Descriptions.Item label="年度">{p.year}</Descriptions.Item>
            <Descriptions.Item label="文号">{p.docNumber ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="发文单位">{p.issuer ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="起止">
              {p.startDate ?? `${p.year}-01-01`} 至 {p.endDate ?? '未设'}
            </Descriptions.Item>
            <Descriptions.Item label="来源">{PLAN_SOURCES[p.source]}</Descriptions.Item>
          </Descriptions>
          <Flex gap={24} align="center" data-testid="plan-counts">
            <Statistic title="任务" value={p.counts.tasks} />
            <Statistic title="已完成" value={p.counts.done} styles={{ content: { color: '#389e0d' } }} />
            <Statistic
              title="超期"
              value={p.counts.overdue}
              styles={{ content: { color: p.counts.overdue ? '#cf1322' : undefined } }}
            />
            <LightSummary counts={p.counts} />
          </Flex>
        </Flex>
      </Card>
      <Tabs
        items={[
          { key: 'tasks', label: `任务清单（${p.tasks.length}）`, children: <PlanTasksTable plan={p} /> },
          { key: 'division', label: '部门分工', children: <Division planId={id} /> },
          ...(p.copies > 0 || p.canIssue
            ? [{ key: 'copies', label: `下发情况（${p.copies}）`, children: <CopiesTable planId={id} /> }]
            : []),
          { key: 'original', label: '方案原文', children: <Original plan={p} /> },
        ]}
      />
      {dialog === 'edit' && <PlanDialog plan={p} onSaved={reload} onClose={() => setDialog(null)} />}
      {dialog === 'task' && (
        <TaskDialog
          planId={p.id}
          departments={p.departments}
          sections={p.sections}
          onSaved={(taskId) => navigate(`/plans/tasks/${taskId}`)}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === 'issue' && <IssueDialog plan={p} onDone={reload} onClose={() => setDialog(null)} />}
    </Flex>
  );
}
