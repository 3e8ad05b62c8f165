import { useMemo, useState } from 'react';
import { Breadcrumb, DatePicker, Flex, Form, Input, Select, Tag, Button, Typography } from 'antd';
import { Link } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import {
  FOLLOW_UP_WAYS,
  listFollowUps,
  recordFollowUp,
  type FollowUp,
} from '../../../../common/contracts/training-enrolment';
import { call } from '../../api/client';
import { useCan } from '../../app/session';
import { FormModal } from '../../components/FormModal';
import {
  ListPage,
  listQueryKey,
  textFilter,
  type ListParams,
  type QueryField,
} from '../../components/ListPage';

type Status = 'overdue' | 'pending' | 'done' | 'all';
const STATUS_OPTIONS = [
  { value: 'overdue', label: '已逾期' },
  { value: 'pending', label: '待跟踪' },
  { value: 'done', label: '已完成' },
  { value: 'all', label: '全部' },
];

type Values = { doneOn: Dayjs; way: string; summary: string };

function RecordDialog({
  item,
  onDone,
  onClose,
}: {
  item: FollowUp;
  onDone: () => void;
  onClose: () => void;
}) {
  const save = useMutation({
    mutationFn: ({ doneOn, ...v }: Values) =>
      call(recordFollowUp, { params: { id: item.id }, body: { ...v, doneOn: doneOn.format('YYYY-MM-DD') } }),
    onSuccess: onDone,
  });
  return (
    <FormModal<Values>
      name="follow-up"
      title={`跟踪培养：${item.name}（结业后 ${item.monthsAfter} 个月）`}
      width={560}
      loading={save.isPending}
      initialValues={{ doneOn: dayjs(), way: item.way ?? undefined, summary: item.summary ?? undefined }}
      onSubmit={(v) => save.mutate(v)}
      onCancel={onClose}
      okText="保存"
    >
      <Flex gap={16}>
        <Form.Item
          name="doneOn"
          label="跟踪日期"
          rules={[{ required: true, message: '请选择日期' }]}
          style={{ flex: 1 }}
        >
          <DatePicker style={{ width: '100%' }} maxDate={dayjs()} />
        </Form.Item>
        <Form.Item
          name="way"
          label="跟踪方式"
          rules={[{ required: true, message: '请选择跟踪方式' }]}
          style={{ flex: 1 }}
        >
          <Select options={FOLLOW_UP_WAYS.map((w) => ({ value: w, label: w }))} placeholder="请选择" />
        </Form.Item>
      </Flex>
      <Form.Item
        name="summary"
        label="跟踪情况"
        rules={[{ required: true, whitespace: true, min: 4, message: '请填写跟踪情况（至少 4 个字）' }]}
      >
        <Input.TextArea
          rows={4}
          maxLength={2000}
          showCount
          placeholder="成长变化、创作进展、需求与下一步培养措施"
        />
      </Form.Item>
    </FormModal>
  );
}

/** The follow-ups in scope (or of one class): overdue first by default, each recorded in a dialog. */
export function FollowUpList({ classId }: { classId?: number }) {
  const can = useCan();
  const queryClient = useQueryClient();
  const [recording, setRecording] = useState<FollowUp | null>(null);
  const listKey = classId ? `training-follow-ups-${classId}` : 'training-follow-ups';
  const fields = useMemo<QueryField[]>(
    () => [
      { type: 'select', name: 'status', label: '状态', options: STATUS_OPTIONS },
      { type: 'input', name: 'q', label: '关键字', placeholder: classId ? '学员姓名' : '学员姓名或培训班' },
    ],
    [classId],
  );
  const fetch = ({ page, pageSize, filters }: ListParams) =>
    call(listFollowUps, {
      query: {
        page,
        pageSize,
        classId,
        status: (textFilter(filters, 'status') as Status | undefined) ?? (classId ? 'all' : 'overdue'),
        q: textFilter(filters, 'q'),
      },
    });
  return (
    <>
      <ListPage<FollowUp>
        listKey={listKey}
        title={classId ? '跟踪培养' : '跟踪培养（默认显示已逾期）'}
        fields={fields}
        fetch={fetch}
        rowKey={(f) => f.id}
        columns={[
          { key: 'name', title: '学员', render: (_, f) => f.name },
          ...(classId
            ? []
            : [
                {
                  key: 'class',
                  title: '培训班',
                  render: (_: unknown, f: FollowUp) => (
                    <Link to={`/training/${f.classId}`}>{f.classTitle}</Link>
                  ),
                },
              ]),
          { key: 'unit', title: '主办单位', render: (_, f) => f.unit.name },
          { key: 'months', title: '节点', render: (_, f) => `结业后 ${f.monthsAfter} 个月` },
          { key: 'dueOn', title: '应跟踪日期', render: (_, f) => f.dueOn },
          {
            key: 'state',
            title: '状态',
            render: (_, f) =>
              f.doneOn ? (
                <Tag color="success">已完成 {f.doneOn}</Tag>
              ) : f.overdue ? (
                <Tag color="error">逾期 {f.daysOverdue} 天</Tag>
              ) : (
                <Tag>待跟踪</Tag>
              ),
          },
          {
            key: 'summary',
            title: '跟踪情况',
            render: (_, f) =>
              f.summary ? (
                <Typography.Text ellipsis={{ tooltip: f.summary }} style={{ maxWidth: 240 }}>
                  {f.way}：{f.summary}
                </Typography.Text>
              ) : (
                '—'
              ),
          },
          ...(can('training.write')
            ? [
                {
                  key: 'actions',
                  title: '操作',
                  render: (_: unknown, f: FollowUp) => (
                    <Button type="link" size="small" onClick={() => setRecording(f)}>
                      {f.doneOn ? '修改' : '登记跟踪'}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {recording && (
        <RecordDialog
          item={recording}
          onDone={() => {
            setRecording(null);
            void queryClient.invalidateQueries({ queryKey: listQueryKey(listKey) });
          }}
          onClose={() => setRecording(null)}
        />
      )}
    </>
  );
}

export function FollowUpsPage() {
  return (
    <Flex vertical gap={12}>
      <Breadcrumb items={[{ title: <Link to="/training">培训班</Link> }, { title: '跟踪培养' }]} />
      <FollowUpList />
    </Flex>
  );
}
