import { useState } from 'react';
import { Button, Checkbox, DatePicker, Flex, Form, Input, Select, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import type { z } from 'zod';
import {
  createInteraction,
  INTERACTION_WAYS,
  listInteractions,
  type interaction,
} from '../../../../common/contracts/youth-workflow';
import { call } from '../../api/client';
import { useCan, useViewer } from '../../app/session';
import { FormModal } from '../../components/FormModal';

type Interaction = z.infer<typeof interaction>;
type Values = {
  date: Dayjs;
  way: string;
  contactedBy: string;
  summary: string;
  followUpNeeded?: boolean;
  followUpNote?: string;
};

function InteractionDialog({
  youthId,
  onDone,
  onClose,
}: {
  youthId: number;
  onDone: () => void;
  onClose: () => void;
}) {
  const me = useViewer();
  const save = useMutation({
    mutationFn: ({ date, ...v }: Values) =>
      call(createInteraction, {
        params: { id: youthId },
        body: { ...v, date: date.format('YYYY-MM-DD'), followUpNeeded: Boolean(v.followUpNeeded) },
      }),
    onSuccess: onDone,
  });
  return (
    <FormModal<Values>
      name="interaction"
      title="新增联系记录"
      width={560}
      loading={save.isPending}
      initialValues={{ date: dayjs(), contactedBy: me.displayName }}
      onSubmit={(v) => save.mutate(v)}
      onCancel={onClose}
    >
      <Flex gap={16}>
        <Form.Item
          name="date"
          label="联系日期"
          rules={[{ required: true, message: '请选择日期' }]}
          style={{ flex: 1 }}
        >
          <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" maxDate={dayjs()} />
        </Form.Item>
        <Form.Item
          name="way"
          label="联系方式"
          rules={[{ required: true, message: '请选择联系方式' }]}
          style={{ flex: 1 }}
        >
          <Select options={INTERACTION_WAYS.map((w) => ({ label: w, value: w }))} placeholder="请选择" />
        </Form.Item>
      </Flex>
      <Form.Item
        name="contactedBy"
        label="联系人"
        rules={[{ required: true, whitespace: true, message: '请填写联系人' }]}
      >
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item
        name="summary"
        label="联系情况"
        rules={[{ required: true, whitespace: true, min: 2, message: '请填写联系情况' }]}
      >
        <Input.TextArea rows={4} maxLength={2000} showCount />
      </Form.Item>
      <Form.Item name="followUpNeeded" valuePropName="checked" style={{ marginBottom: 8 }}>
        <Checkbox>需要跟进</Checkbox>
      </Form.Item>
      <Form.Item noStyle shouldUpdate={(a, b) => a.followUpNeeded !== b.followUpNeeded}>
        {({ getFieldValue }) =>
          getFieldValue('followUpNeeded') && (
            <Form.Item name="followUpNote" label="跟进事项">
              <Input maxLength={500} />
            </Form.Item>
          )
        }
      </Form.Item>
    </FormModal>
  );
}

/** 联系记录 (newest first) and a form to add one, which also refreshes 最近联系. */
export function InteractionsTab({ youthId, onChanged }: { youthId: number; onChanged: () => void }) {
  const can = useCan();
  const [adding, setAdding] = useState(false);
  const list = useQuery({
    queryKey: ['youth', youthId, 'interactions'],
    queryFn: () => call(listInteractions, { params: { id: youthId } }),
  });
  return (
    <>
      {can('youth.write') && (
        <Flex justify="end" style={{ marginBottom: 12 }}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            新增联系记录
          </Button>
        </Flex>
      )}
      <Table<Interaction>
        size="small"
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items}
        pagination={{ pageSize: 10, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 条` }}
        columns={[
          { key: 'date', title: '日期', dataIndex: 'date', width: 110 },
          { key: 'way', title: '方式', dataIndex: 'way', width: 120 },
          { key: 'contactedBy', title: '联系人', dataIndex: 'contactedBy', width: 100 },
          { key: 'summary', title: '联系情况', dataIndex: 'summary' },
          {
            key: 'followUp',
            title: '跟进',
            width: 200,
            render: (_: unknown, i: Interaction) =>
              i.followUpNeeded ? <Tag color="orange">{i.followUpNote || '需要跟进'}</Tag> : '—',
          },
          { key: 'unit', title: '记录单位', width: 140, render: (_: unknown, i: Interaction) => i.unit.name },
        ]}
      />
      {adding && (
        <InteractionDialog
          youthId={youthId}
          onDone={() => {
            setAdding(false);
            void list.refetch();
            onChanged();
          }}
          onClose={() => setAdding(false)}
        />
      )}
    </>
  );
}
