import { useState } from 'react';
import { Button, Card, Form, Input, InputNumber, Popconfirm, Space, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import {
  createDepartment,
  deleteDepartment,
  updateDepartment,
  type department,
  type unitDetail,
} from '../../../../common/contracts/units';
import { ApiError, call, isVersionConflict } from '../../api/client';
import { feedback } from '../../app/feedback';
import { useCan } from '../../app/session';
import { FormModal } from '../../components/FormModal';
import { unitDetailKey } from '../../components/UnitPicker';

type Department = z.infer<typeof department>;
type Unit = z.infer<typeof unitDetail>;
type Values = { name: string; sortOrder?: number };

export function DepartmentsCard({ unit }: { unit: Unit }) {
  const can = useCan();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<Department | 'new' | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: unitDetailKey(unit.id) });
  const onError = (e: Error) => {
    // Someone else changed or removed it first: show the current list so the edit is redone on it.
    if (isVersionConflict(e) || (e instanceof ApiError && e.status === 404)) {
      setEditing(null);
      void refresh();
    }
  };

  const save = useMutation({
    mutationFn: (v: Values) =>
      editing === 'new' || !editing
        ? call(createDepartment, { params: { id: unit.id }, body: v })
        : call(updateDepartment, { params: { id: editing.id }, body: { ...v, version: editing.version } }),
    onSuccess: () => {
      feedback.message.success(editing === 'new' ? '部门已新增' : '部门已修改');
      setEditing(null);
      void refresh();
    },
    onError,
  });
  const remove = useMutation({
    mutationFn: (d: Department) => call(deleteDepartment, { params: { id: d.id } }),
    onSuccess: () => {
      feedback.message.success('部门已删除');
      void refresh();
    },
    onError,
  });

  const manage = can('units.manage');
  return (
    <Card
      size="small"
      title={`部门（${unit.departments.length}）`}
      extra={
        manage && (
          <Button type="primary" size="small" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            新增部门
          </Button>
        )
      }
    >
      <Table<Department>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={unit.departments}
        locale={{ emptyText: '暂无部门' }}
        columns={[
          { key: 'name', title: '部门名称', dataIndex: 'name' },
          { key: 'sortOrder', title: '排序', dataIndex: 'sortOrder', width: 100 },
          ...(manage
            ? [
                {
                  key: 'actions',
                  title: '操作',
                  width: 140,
                  render: (_: unknown, d: Department) => (
                    <Space size={4}>
                      <Button type="link" size="small" onClick={() => setEditing(d)}>
                        重命名
                      </Button>
                      <Popconfirm
                        title={`确定删除部门“${d.name}”吗？`}
                        okButtonProps={{ danger: true }}
                        onConfirm={() => remove.mutateAsync(d).catch(() => undefined)}
                      >
                        <Button type="link" size="small" danger>
                          删除
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && (
        <FormModal<Values>
          name="department"
          title={editing === 'new' ? '新增部门' : '修改部门'}
          initialValues={editing === 'new' ? undefined : { name: editing.name, sortOrder: editing.sortOrder }}
          loading={save.isPending}
          onSubmit={(v) => save.mutate(v)}
          onCancel={() => setEditing(null)}
        >
          <Form.Item
            name="name"
            label="部门名称"
            rules={[{ required: true, min: 2, max: 30, message: '请输入 2–30 字的部门名称' }]}
          >
            <Input placeholder="如：宣传部" />
          </Form.Item>
          <Form.Item name="sortOrder" label="排序" extra="数字小的排在前面，可不填。">
            <InputNumber min={0} max={9999} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </FormModal>
      )}
    </Card>
  );
}
