import { useState } from 'react';
import {
  App,
  Breadcrumb,
  Button,
  Card,
  Descriptions,
  Flex,
  Result,
  Space,
  Spin,
  Tabs,
  Typography,
} from 'antd';
import { EditOutlined, FileWordOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  classSummaryDocx,
  getClass,
  TRAINING_LEVELS,
  TRAINING_MODES,
} from '../../../../common/contracts/training';
import { ApiError, call, download } from '../../api/client';
import { useCan } from '../../app/session';
import { AttendanceTab } from './AttendanceTab';
import { ClassDialog } from './ClassDialog';
import { CompletionTab } from './CompletionTab';
import { EnrolmentsTab } from './EnrolmentsTab';
import { FollowUpList } from './FollowUpsPage';
import { LessonsTab } from './LessonsTab';
import { ClassStatusTag, pct } from './trainingLabels';

/** One class: its facts and actions on top, then 课程 / 学员 / 考勤 / 结业 / 跟踪培养. */
export function ClassPage() {
  const id = Number(useParams().id);
  const can = useCan();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [downloading, setDownloading] = useState(false);
  const detail = useQuery({
    queryKey: ['training', 'class', id],
    queryFn: () => call(getClass, { params: { id } }),
    enabled: id > 0,
    meta: { silent: true },
  });
  const reload = () => {
    void queryClient.invalidateQueries({ queryKey: ['training', 'class', id] });
    void queryClient.invalidateQueries({ queryKey: ['list', 'training-classes'] });
  };

  if (detail.isError || !(id > 0)) {
    const gone = detail.error instanceof ApiError && detail.error.status === 404;
    return (
      <Result
        status={gone ? '404' : 'warning'}
        title={gone || !(id > 0) ? '找不到该培训班，或不在您的管辖范围内' : detail.error?.message}
        extra={<Link to="/training">返回培训班列表</Link>}
      />
    );
  }
  if (!detail.data) return <Spin style={{ display: 'block', margin: 48 }} />;
  const c = detail.data;
  const write = can('training.write') && c.status !== 'finished';
  const summary = async () => {
    setDownloading(true);
    try {
      message.success(`已下载：${await download(classSummaryDocx, { params: { id } })}`);
    } catch (e) {
      message.error(e instanceof Error ? e.message : '下载失败');
    } finally {
      setDownloading(false);
    }
  };

  return (
    <Flex vertical gap={12}>
      <Breadcrumb items={[{ title: <Link to="/training">培训班</Link> }, { title: c.title }]} />
      <Card size="small">
        <Flex justify="space-between" align="start" gap={16}>
          <Space align="center" size={12}>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {c.title}
            </Typography.Title>
            <ClassStatusTag status={c.status} />
          </Space>
          <Space>
            <Button icon={<FileWordOutlined />} loading={downloading} onClick={summary}>
              下载总结（Word）
            </Button>
            {write && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                编辑
              </Button>
            )}
          </Space>
        </Flex>
        <Descriptions size="small" column={4} style={{ marginTop: 12 }}>
          <Descriptions.Item label="主办单位">{c.unit.name}</Descriptions.Item>
          <Descriptions.Item label="层级">{TRAINING_LEVELS[c.level]}</Descriptions.Item>
          <Descriptions.Item label="培训日期">
            {c.startDate} 至 {c.endDate}
          </Descriptions.Item>
          <Descriptions.Item label="方式">
            {TRAINING_MODES[c.mode]}
            {c.place ? ` · ${c.place}` : ''}
          </Descriptions.Item>
          <Descriptions.Item label="培训机构">{c.institution?.name ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="培训对象">
            {c.targetCategories.length ? c.targetCategories.map((t) => t.label).join('、') : '各类新兴青年'}
          </Descriptions.Item>
          <Descriptions.Item label="名额">
            录取 {c.admittedCount + c.completedCount} / 计划 {c.capacity}
            {c.waitlistCount ? `，候补 ${c.waitlistCount}` : ''}
          </Descriptions.Item>
          <Descriptions.Item label="结业要求">出勤率 ≥ {pct(c.minAttendanceRate)}</Descriptions.Item>
          <Descriptions.Item label="跟踪培养">
            {c.followUpMonths.length ? `结业后第 ${c.followUpMonths.join('、')} 个月` : '不跟踪'}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" styles={{ body: { paddingTop: 0 } }}>
        <Tabs
          items={[
            {
              key: 'lessons',
              label: `课程（${c.lessons.length}）`,
              children: <LessonsTab cls={c} writable={write} onChanged={reload} />,
            },
            {
              key: 'enrolments',
              label: `学员（${c.admittedCount + c.completedCount + c.waitlistCount + c.appliedCount}）`,
              children: <EnrolmentsTab cls={c} writable={write} onChanged={reload} />,
            },
            {
              key: 'attendance',
              label: '考勤',
              children: <AttendanceTab cls={c} writable={write} onChanged={reload} />,
            },
            {
              key: 'completion',
              label: '结业',
              children: <CompletionTab cls={c} writable={write} onChanged={reload} />,
            },
            {
              key: 'follow-ups',
              label: '跟踪培养',
              children: <FollowUpList classId={c.id} />,
            },
          ]}
        />
      </Card>
      {editing && (
        <ClassDialog
          existing={c}
          onSaved={() => {
            setEditing(false);
            reload();
          }}
          onClose={() => setEditing(false)}
        />
      )}
    </Flex>
  );
}
