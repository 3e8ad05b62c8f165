import { useMemo, useState } from 'react';
import { App, Button, Empty, Flex, Select, Space, Table, Tag, Typography } from 'antd';
import { CheckOutlined, SaveOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import type { ClassDetail } from '../../../../common/contracts/training';
import {
  ATTENDANCE_STATUSES,
  getAttendance,
  markAttendance,
  type AttendanceGrid,
  type AttendanceStatus,
} from '../../../../common/contracts/training-enrolment';
import { call } from '../../api/client';
import { pct } from './trainingLabels';

type Participant = AttendanceGrid['participants'][number];
type Mark = AttendanceStatus | null;
const key = (lessonId: number, enrolmentId: number) => `${lessonId}:${enrolmentId}`;
const OPTIONS = Object.entries(ATTENDANCE_STATUSES).map(([value, label]) => ({ value, label }));
const COLORS: Record<AttendanceStatus, string> = {
  present: '#389e0d',
  late: '#d48806',
  leave: '#1677ff',
  absent: '#cf1322',
};

/** 考勤: participants × lessons; mark cell by cell or a whole lesson at once, then save in one batch. */
export function AttendanceTab({
  cls,
  writable,
  onChanged,
}: {
  cls: ClassDetail;
  writable: boolean;
  onChanged: () => void;
}) {
  const { message } = App.useApp();
  const [edits, setEdits] = useState<Map<string, Mark>>(new Map());
  const grid = useQuery({
    queryKey: ['training', 'class', cls.id, 'attendance'],
    queryFn: () => call(getAttendance, { params: { id: cls.id } }),
  });
  const saved = useMemo(
    () => new Map((grid.data?.marks ?? []).map((m) => [key(m.lessonId, m.enrolmentId), m.status])),
    [grid.data],
  );
  const save = useMutation({
    mutationFn: () =>
      call(markAttendance, {
        params: { id: cls.id },
        body: {
          marks: [...edits].map(([k, status]) => {
            const [lessonId, enrolmentId] = k.split(':').map(Number);
            return { lessonId, enrolmentId, status };
          }),
        },
      }),
    onSuccess: (r) => {
      message.success(`考勤已保存（${r.changed} 项）`);
      setEdits(new Map());
      void grid.refetch();
      onChanged();
    },
  });
  const value = (l: number, e: number): Mark => {
    const k = key(l, e);
    return edits.has(k) ? (edits.get(k) ?? null) : (saved.get(k) ?? null);
  };
  const set = (pairs: [number, number][], status: Mark) =>
    setEdits((prev) => {
      const next = new Map(prev);
      for (const [l, e] of pairs) next.set(key(l, e), status);
      return next;
    });

  const lessons = grid.data?.lessons ?? [];
  const participants = grid.data?.participants ?? [];
  const markable = participants.filter((p) => p.status === 'admitted');
  const editable = writable && cls.status !== 'finished';
  if (grid.isSuccess && (!lessons.length || !participants.length)) {
    return <Empty description={!lessons.length ? '请先在“课程”中安排课程' : '暂无已录取的学员'} />;
  }
  return (
    <>
      <Flex justify="space-between" align="center" style={{ marginBottom: 12 }}>
        <Space size={12}>
          {OPTIONS.map((o) => (
            <Tag key={o.value} color={COLORS[o.value as AttendanceStatus]}>
              {o.label}
            </Tag>
          ))}
          <Typography.Text type="secondary">出勤、迟到计入出勤率；未记录的按缺勤计算</Typography.Text>
        </Space>
        {editable && (
          <Button
            type="primary"
            icon={<SaveOutlined />}
            disabled={edits.size === 0}
            loading={save.isPending}
            onClick={() => save.mutate()}
          >
            保存考勤{edits.size ? `（${edits.size} 项）` : ''}
          </Button>
        )}
      </Flex>
      <Table<Participant>
        rowKey="enrolmentId"
        size="small"
        bordered
        loading={grid.isFetching}
        dataSource={participants}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            key: 'name',
            title: '学员',
            fixed: 'left',
            width: 140,
            render: (_, p) => (
              <Flex vertical>
                <span>{p.name}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {p.unit}
                </Typography.Text>
              </Flex>
            ),
          },
          ...lessons.map((l, i) => ({
            key: `lesson-${l.id}`,
            title: (
              <Flex vertical align="center" gap={2}>
                <span title={l.title}>第 {i + 1} 课</span>
                <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
                  {dayjs(l.startsAt).format('M月D日 HH:mm')}
                </Typography.Text>
                {editable && (
                  <Button
                    size="small"
                    type="link"
                    icon={<CheckOutlined />}
                    onClick={() =>
                      set(
                        markable.map((p) => [l.id, p.enrolmentId]),
                        'present',
                      )
                    }
                  >
                    全部出勤
                  </Button>
                )}
              </Flex>
            ),
            align: 'center' as const,
            width: 116,
            render: (_: unknown, p: Participant) => {
              const v = value(l.id, p.enrolmentId);
              if (!editable || p.status !== 'admitted') {
                return v ? <span style={{ color: COLORS[v] }}>{ATTENDANCE_STATUSES[v]}</span> : '—';
              }
              return (
                <Select<AttendanceStatus>
                  size="small"
                  allowClear
                  aria-label={`${p.name} 第 ${i + 1} 课`}
                  placeholder="未记"
                  style={{ width: 92 }}
                  value={v ?? undefined}
                  options={OPTIONS.map((o) => ({
                    ...o,
                    label: <span style={{ color: COLORS[o.value as AttendanceStatus] }}>{o.label}</span>,
                  }))}
                  onChange={(s) => set([[l.id, p.enrolmentId]], s ?? null)}
                />
              );
            },
          })),
          {
            key: 'rate',
            title: '出勤率',
            fixed: 'right',
            width: 90,
            align: 'center',
            render: (_, p) => {
              const ok = p.attendanceRate !== null && p.attendanceRate + 1e-9 >= cls.minAttendanceRate;
              return (
                <Typography.Text type={ok ? 'success' : 'danger'}>{pct(p.attendanceRate)}</Typography.Text>
              );
            },
          },
        ]}
      />
    </>
  );
}
