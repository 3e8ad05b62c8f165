import { useState } from 'react';
import { App, Button, Flex, Segmented, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { ClassDetail } from '../../../../common/contracts/training';
import {
  admitEnrolments,
  listEnrolments,
  withdrawEnrolment,
  type Enrolment,
} from '../../../../common/contracts/training-enrolment';
import { call } from '../../api/client';
import { useCan } from '../../app/session';
import { ReasonModal } from '../youth/ReasonModal';
import { EnrolDialog } from './EnrolDialog';
import { EnrolmentTag, pct } from './trainingLabels';

type View = 'all' | 'admitted' | 'waitlisted' | 'applied' | 'withdrawn';

/** 学员: 报名 → 录取 / 候补 → 结业 or 退出; key targets first and the waiting list in order. */
export function EnrolmentsTab({
  cls,
  writable,
  onChanged,
}: {
  cls: ClassDetail;
  writable: boolean;
  onChanged: () => void;
}) {
  const can = useCan();
  const { modal, message } = App.useApp();
  const [adding, setAdding] = useState(false);
  const [leaving, setLeaving] = useState<Enrolment | null>(null);
  const [view, setView] = useState<View>('all');
  const list = useQuery({
    queryKey: ['training', 'class', cls.id, 'enrolments'],
    queryFn: () => call(listEnrolments, { params: { id: cls.id }, query: {} }),
  });
  const items = list.data?.items ?? [];
  const refresh = () => {
    void list.refetch();
    onChanged();
  };
  const shown = items.filter((e) =>
    view === 'all'
      ? e.status !== 'withdrawn'
      : view === 'admitted'
        ? e.status === 'admitted' || e.status === 'completed'
        : e.status === view,
  );
  const count = (s: Enrolment['status'][]) => items.filter((e) => s.includes(e.status)).length;
  const admit = () =>
    modal.confirm({
      title: '按规则录取',
      content: `计划 ${cls.capacity} 人。待录取的 ${count(['applied'])} 人中，重点培养对象优先录取，额满后进入候补。`,
      onOk: async () => {
        const r = await call(admitEnrolments, { params: { id: cls.id } });
        message.success(`录取 ${r.admitted} 人${r.waitlisted ? `，候补 ${r.waitlisted} 人` : ''}`);
        refresh();
      },
    });
  return (
    <>
      <Flex justify="space-between" align="center" style={{ marginBottom: 12 }} gap={12}>
        <Segmented<View>
          value={view}
          onChange={setView}
          options={[
            { value: 'all', label: `全部 ${items.length - count(['withdrawn'])}` },
            { value: 'admitted', label: `录取 ${count(['admitted', 'completed'])}` },
            { value: 'waitlisted', label: `候补 ${count(['waitlisted'])}` },
            { value: 'applied', label: `待录取 ${count(['applied'])}` },
            { value: 'withdrawn', label: `退出 ${count(['withdrawn'])}` },
          ]}
        />
        {writable && (
          <Space>
            <Button
              icon={<SafetyCertificateOutlined />}
              disabled={!count(['applied', 'waitlisted'])}
              onClick={admit}
            >
              按规则录取
            </Button>
            {can('youth.read') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
                从青年库添加
              </Button>
            )}
          </Space>
        )}
      </Flex>
      <Table<Enrolment>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={shown}
        pagination={shown.length > 50 ? { pageSize: 50, showTotal: (n) => `共 ${n} 人` } : false}
        locale={{ emptyText: '暂无学员' }}
        columns={[
          {
            key: 'name',
            title: '姓名',
            render: (_, e) => (
              <Space size={6}>
                {e.name}
                {e.keyTarget && <Tag color="gold">重点培养对象</Tag>}
              </Space>
            ),
          },
          { key: 'unit', title: '所在单位', render: (_, e) => e.unit.name },
          { key: 'category', title: '群体类别', render: (_, e) => e.category ?? '—' },
          { key: 'phone', title: '手机', render: (_, e) => e.phone ?? '—' },
          {
            key: 'status',
            title: '状态',
            render: (_, e) => (
              <Space size={4}>
                <EnrolmentTag status={e.status} position={e.waitlistPosition} />
                {e.withdrawReason && <Typography.Text type="secondary">{e.withdrawReason}</Typography.Text>}
              </Space>
            ),
          },
          {
            key: 'rate',
            title: '出勤率',
            render: (_, e) =>
              e.status === 'admitted' || e.status === 'completed' ? pct(e.attendanceRate) : '—',
          },
          ...(writable
            ? [
                {
                  key: 'actions',
                  title: '操作',
                  render: (_: unknown, e: Enrolment) =>
                    e.status !== 'withdrawn' &&
                    e.status !== 'completed' && (
                      <Button type="link" size="small" danger onClick={() => setLeaving(e)}>
                        退出
                      </Button>
                    ),
                },
              ]
            : []),
        ]}
      />
      {adding && (
        <EnrolDialog
          cls={cls}
          enrolled={items}
          onDone={() => {
            setAdding(false);
            refresh();
          }}
          onClose={() => setAdding(false)}
        />
      )}
      {leaving && (
        <ReasonModal
          title={`${leaving.name} 退出培训班`}
          intro={leaving.status === 'admitted' ? '空出的名额将由候补第一位自动递补。' : undefined}
          label="退出原因"
          okText="确认退出"
          onSubmit={async (reason) => {
            const r = await call(withdrawEnrolment, {
              params: { id: leaving.id },
              body: { reason, version: leaving.version },
            });
            message.success(r.promoted ? `已退出，${r.promoted.name} 由候补递补录取` : '已退出');
            refresh();
          }}
          onClose={() => setLeaving(null)}
        />
      )}
    </>
  );
}
