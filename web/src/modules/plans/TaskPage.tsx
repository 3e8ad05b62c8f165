import { useState } from 'react';
import dayjs from 'dayjs';
import {
  App,
  Breadcrumb,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Popconfirm,
  Result,
  Space,
  Spin,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { EditOutlined, FormOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  deleteTask,
  downloadProgressFile,
  getTask,
  type Indicator,
  type ProgressEntry,
  type TaskDetail,
} from '../../../../common/contracts/plans-tasks';
import { ApiError, call, download } from '../../api/client';
import { useCan } from '../../app/session';
import { formatSize } from '../youth/AttachmentsTab';
import { ProgressDialog } from './ProgressDialog';
import { TaskDialog } from './TaskDialog';
import {
  DaysLeft,
  LIGHT_COLORS,
  LightTag,
  ProgressBar,
  StatusTag,
  departmentNames,
  errorText,
} from './plansUi';

const value = (v: number | null, measure: string | null) => (v === null ? '—' : `${v}${measure ?? ''}`);

function Milestones({ task }: { task: TaskDetail }) {
  return (
    <Table
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={task.milestones}
      locale={{ emptyText: '没有推进节点' }}
      columns={[
        { key: 'title', title: '推进节点', dataIndex: 'title' },
        { key: 'dueDate', title: '日期', width: 110, render: (_, m) => m.dueDate ?? '—' },
        { key: 'dueText', title: '原文', width: 120, render: (_, m) => m.dueText ?? '—' },
        {
          key: 'state',
          title: '完成情况',
          width: 150,
          render: (_, m) =>
            m.doneOn ? (
              <Tag color="green">已完成 {m.doneOn}</Tag>
            ) : m.missed ? (
              <Tag color="red">已过期未完成</Tag>
            ) : (
              <Tag>未到期</Tag>
            ),
        },
      ]}
    />
  );
}

function Indicators({ task }: { task: TaskDetail }) {
  return (
    <Table<Indicator>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={task.indicators}
      locale={{ emptyText: '没有量化指标' }}
      columns={[
        { key: 'name', title: '指标', render: (_, i) => (i.period ? `${i.name}（${i.period}）` : i.name) },
        {
          key: 'target',
          title: '目标',
          width: 130,
          render: (_, i) => `${i.comparator} ${value(i.target, i.measure)}`,
        },
        { key: 'actual', title: '实际', width: 130, render: (_, i) => value(i.actual, i.measure) },
        {
          key: 'met',
          title: '达成',
          width: 100,
          render: (_, i) =>
            i.met === null ? (
              <Tag>未填报</Tag>
            ) : i.met ? (
              <Tag color="green">已达到</Tag>
            ) : (
              <Tag color="orange">未达到</Tag>
            ),
        },
        { key: 'actualOn', title: '填报日期', width: 110, render: (_, i) => i.actualOn ?? '—' },
      ]}
    />
  );
}

function ProgressItem({ task, p }: { task: TaskDetail; p: ProgressEntry }) {
  const { message } = App.useApp();
  return (
    <Flex vertical gap={4}>
      <Space size={8} wrap>
        <Typography.Text strong>{p.date}</Typography.Text>
        <StatusTag status={p.status} />
        <Typography.Text>完成 {p.progress}%</Typography.Text>
      </Space>
      <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}>
        {p.text}
      </Typography.Paragraph>
      {p.actuals.length > 0 && (
        <Typography.Text type="secondary">
          指标实际值：{p.actuals.map((a) => `${a.name} ${a.value}${a.measure ?? ''}`).join('；')}
        </Typography.Text>
      )}
      {p.files.map((f) => (
        <Typography.Link
          key={f.id}
          onClick={() =>
            void download(downloadProgressFile, {
              params: { id: task.id, progressId: p.id, fileId: f.id },
            }).catch((e: unknown) => message.error(errorText(e, '下载失败')))
          }
        >
          <PaperClipOutlined /> {f.name}（{formatSize(f.size)}）
        </Typography.Link>
      ))}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {p.by ?? '—'} 填报于 {dayjs(p.at).format('YYYY-MM-DD HH:mm')}
      </Typography.Text>
    </Flex>
  );
}

/** One task: who leads and takes part, where it stands, its milestones, indicators and progress history. */
export function TaskPage() {
  const id = Number(useParams().id);
  const can = useCan();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<'progress' | 'edit' | null>(null);
  const task = useQuery({
    queryKey: ['plan-tasks', id],
    queryFn: () => call(getTask, { params: { id } }),
    enabled: id > 0,
    meta: { silent: true },
  });
  const reload = () => {
    void queryClient.invalidateQueries({ queryKey: ['plan-tasks', id] });
    void queryClient.invalidateQueries({ queryKey: ['plans'] });
    void queryClient.invalidateQueries({ queryKey: ['list'] });
  };
  const remove = useMutation({
    mutationFn: (t: TaskDetail) => call(deleteTask, { params: { id: t.id }, query: { version: t.version } }),
    onSuccess: (_r, t) => {
      message.success('已删除任务');
      void queryClient.invalidateQueries({ queryKey: ['plans'] });
      navigate(`/plans/${t.plan.id}`);
    },
  });
  if (task.isError || !(id > 0)) {
    const gone = task.error instanceof ApiError && task.error.status === 404;
    return (
      <Result
        status={gone ? '404' : 'warning'}
        title={gone || !(id > 0) ? '找不到该任务，或不在您的管辖范围内' : task.error?.message}
        extra={<Link to="/plans/tasks">返回任务督办</Link>}
      />
    );
  }
  if (!task.data) return <Spin style={{ display: 'block', margin: 48 }} />;
  const t = task.data;
  const write = can('plans.write');
  return (
    <Flex vertical gap={12}>
      <Breadcrumb
        items={[
          { title: <Link to="/plans">工作方案</Link> },
          { title: <Link to={`/plans/${t.plan.id}`}>{t.plan.title}</Link> },
          { title: t.number ? `任务 ${t.number}` : '任务' },
        ]}
      />
      <Card
        size="small"
        style={{ borderTop: `3px solid ${LIGHT_COLORS[t.light]}` }}
        title={
          <Space wrap>
            <span style={{ fontSize: 18, whiteSpace: 'normal' }}>
              {t.number && `${t.number}. `}
              {t.title}
            </span>
            <span data-testid="task-status">
              <StatusTag status={t.effectiveStatus} />
            </span>
            <span data-testid="task-light">
              <LightTag light={t.light} reason={t.lightReason} />
            </span>
          </Space>
        }
        extra={
          write && (
            <Space>
              <Button type="primary" icon={<FormOutlined />} onClick={() => setDialog('progress')}>
                填报进展
              </Button>
              <Button icon={<EditOutlined />} onClick={() => setDialog('edit')}>
                编辑任务
              </Button>
              <Popconfirm
                title="删除该任务及其进展记录？"
                okText="删除"
                okButtonProps={{ danger: true }}
                onConfirm={() => remove.mutate(t)}
              >
                <Button danger>删除</Button>
              </Popconfirm>
            </Space>
          )
        }
      >
        <Descriptions column={3} size="small">
          <Descriptions.Item label="单位">{t.unit.name}</Descriptions.Item>
          <Descriptions.Item label="章节">
            {t.section ? [t.section.number && `${t.section.number}、`, t.section.title].join('') : '—'}
          </Descriptions.Item>
          <Descriptions.Item label="责任人">{t.owner ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="牵头部门 ●">
            {t.lead?.name ?? <Typography.Text type="warning">未指定</Typography.Text>}
          </Descriptions.Item>
          <Descriptions.Item label="参与部门 ○">{departmentNames(t.participants) || '—'}</Descriptions.Item>
          <Descriptions.Item label="其他责任单位">{t.collective ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="开始日期">
            {t.startDate ?? t.planStatus.startDate ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label="截止日期">
            <Space size={6} wrap>
              <span>{t.deadline ?? '未设'}</span>
              {t.deadlineText && (
                <Typography.Text type="secondary">（原文：{t.deadlineText}）</Typography.Text>
              )}
              {!t.ownDeadline && t.deadline && (
                <Typography.Text type="secondary">（方案截止日期）</Typography.Text>
              )}
              {t.effectiveStatus !== 'done' && <DaysLeft days={t.daysLeft} />}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label="完成进度">
            <ProgressBar value={t.progress} light={t.light} />
          </Descriptions.Item>
          <Descriptions.Item label="灯号说明" span={2}>
            {t.lightReason}
          </Descriptions.Item>
          <Descriptions.Item label="最近填报">{t.lastProgressOn ?? '尚未填报'}</Descriptions.Item>
          {t.departmentsNote && (
            <Descriptions.Item label="责任部门原文" span={3}>
              {t.departmentsNote.replace(/\*\*/g, '')}
            </Descriptions.Item>
          )}
        </Descriptions>
        {t.content && (
          <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0, whiteSpace: 'pre-wrap' }}>
            {t.content}
          </Typography.Paragraph>
        )}
      </Card>
      <Card size="small" title={`量化指标（${t.indicators.length}）`}>
        <Indicators task={t} />
      </Card>
      <Card size="small" title={`推进节点（${t.milestones.length}）`}>
        <Milestones task={t} />
      </Card>
      <Card size="small" title={`进展记录（${t.progressHistory.length}）`}>
        {t.progressHistory.length === 0 ? (
          <Empty description="尚未填报进展" image={Empty.PRESENTED_IMAGE_SIMPLE} />
        ) : (
          <Timeline
            items={t.progressHistory.map((p) => ({
              key: p.id,
              color: p.status === 'done' ? 'green' : p.status === 'lagging' ? 'red' : 'blue',
              content: <ProgressItem task={t} p={p} />,
            }))}
          />
        )}
      </Card>
      {dialog === 'progress' && <ProgressDialog task={t} onSaved={reload} onClose={() => setDialog(null)} />}
      {dialog === 'edit' && (
        <TaskDialog
          planId={t.plan.id}
          departments={t.departments}
          sections={t.sections}
          task={t}
          onSaved={reload}
          onClose={() => setDialog(null)}
        />
      )}
    </Flex>
  );
}
