import { useState } from 'react';
import { App, Breadcrumb, Button, Col, Flex, Form, Input, Row, Select, Space, Switch, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  createInstitution,
  deleteInstitution,
  INSTITUTION_BACKINGS,
  INSTITUTION_KINDS,
  listInstitutions,
  updateInstitution,
  type Institution,
} from '../../../../common/contracts/training';
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

const LIST_KEY = 'training-institutions';
const FIELDS: QueryField[] = [
  { type: 'input', name: 'q', label: '关键字', placeholder: '名称、依托单位或联系人' },
];

type Values = {
  name: string;
  kind: string;
  backing?: string;
  contactName?: string;
  contactPhone?: string;
  address?: string;
  remark?: string;
  enabled: boolean;
};

const fetchInstitutions = ({ page, pageSize, filters }: ListParams) =>
  call(listInstitutions, { query: { page, pageSize, q: textFilter(filters, 'q') } });

function InstitutionDialog({
  existing,
  onDone,
  onClose,
}: {
  existing?: Institution;
  onDone: () => void;
  onClose: () => void;
}) {
  const save = useMutation({
    mutationFn: ({ contactPhone, ...v }: Values) => {
      // The masked number shown is never sent back: only a newly typed one replaces the stored one.
      const phone = contactPhone?.includes('*') ? undefined : contactPhone?.trim() || null;
      const body = { ...v, contactPhone: existing && phone === undefined ? undefined : phone };
      return existing
        ? call(updateInstitution, {
            params: { id: existing.id },
            body: { ...body, version: existing.version },
          })
        : call(createInstitution, { body });
    },
    onSuccess: onDone,
  });
  const initial: Partial<Values> = existing
    ? {
        name: existing.name,
        kind: existing.kind,
        backing: existing.backing ?? undefined,
        contactName: existing.contactName ?? undefined,
        contactPhone: existing.contactPhone ?? undefined,
        address: existing.address ?? undefined,
        remark: existing.remark ?? undefined,
        enabled: existing.enabled,
      }
    : { kind: '行业协会', enabled: true };
  return (
    <FormModal<Values>
      name="training-institution"
      title={existing ? '编辑培训机构' : '新增培训机构'}
      width={640}
      loading={save.isPending}
      initialValues={initial}
      onSubmit={(v) => save.mutate(v)}
      onCancel={onClose}
      okText="保存"
    >
      <Form.Item
        name="name"
        label="机构名称"
        rules={[{ required: true, whitespace: true, min: 2, message: '请填写机构名称' }]}
      >
        <Input maxLength={100} />
      </Form.Item>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="kind" label="机构类型" rules={[{ required: true, message: '请选择机构类型' }]}>
            <Select options={INSTITUTION_KINDS.map((k) => ({ value: k, label: k }))} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="backing" label="依托单位" tooltip="作协、影协、美协、音协或高校等">
            <Select
              allowClear
              showSearch
              options={INSTITUTION_BACKINGS.map((k) => ({ value: k, label: k }))}
              placeholder="请选择"
            />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="contactName" label="联系人">
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="contactPhone"
            label="联系电话"
            extra={existing?.contactPhone ? '如需更换请重新填写完整号码' : undefined}
          >
            <Input maxLength={30} autoComplete="off" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="address" label="地址">
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="remark" label="备注">
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
      <Form.Item name="enabled" label="启用" valuePropName="checked">
        <Switch checkedChildren="启用" unCheckedChildren="停用" />
      </Form.Item>
    </FormModal>
  );
}

/** 培训机构: the partners (and the 作协/影协/美协/音协 or school behind them) a unit trains with. */
export function InstitutionsPage() {
  const can = useCan();
  const write = can('training.write');
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<Institution | 'new' | null>(null);
  const reload = () => void queryClient.invalidateQueries({ queryKey: listQueryKey(LIST_KEY) });
  const remove = (i: Institution) =>
    modal.confirm({
      title: `删除“${i.name}”？`,
      okButtonProps: { danger: true },
      onOk: async () => {
        await call(deleteInstitution, { params: { id: i.id } });
        message.success('已删除');
        reload();
      },
    });
  return (
    <Flex vertical gap={12}>
      <Breadcrumb items={[{ title: <Link to="/training">培训班</Link> }, { title: '培训机构' }]} />
      <ListPage<Institution>
        listKey={LIST_KEY}
        title="培训机构"
        fields={FIELDS}
        fetch={fetchInstitutions}
        rowKey={(i) => i.id}
        toolbar={() =>
          write && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              新增机构
            </Button>
          )
        }
        columns={[
          { key: 'name', title: '机构名称', render: (_, i) => i.name },
          { key: 'kind', title: '类型', render: (_, i) => i.kind },
          { key: 'backing', title: '依托单位', render: (_, i) => i.backing ?? '—' },
          { key: 'contact', title: '联系人', render: (_, i) => i.contactName ?? '—' },
          { key: 'phone', title: '联系电话', render: (_, i) => i.contactPhone ?? '—' },
          { key: 'unit', title: '登记单位', render: (_, i) => i.unit.name },
          { key: 'classes', title: '培训班', render: (_, i) => `${i.classCount} 个` },
          {
            key: 'enabled',
            title: '状态',
            render: (_, i) => (i.enabled ? <Tag color="success">启用</Tag> : <Tag>停用</Tag>),
          },
          ...(write
            ? [
                {
                  key: 'actions',
                  title: '操作',
                  render: (_: unknown, i: Institution) => (
                    <Space size={0}>
                      <Button type="link" size="small" onClick={() => setEditing(i)}>
                        编辑
                      </Button>
                      {i.classCount === 0 && (
                        <Button type="link" size="small" danger onClick={() => remove(i)}>
                          删除
                        </Button>
                      )}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && (
        <InstitutionDialog
          existing={editing === 'new' ? undefined : editing}
          onDone={() => {
            setEditing(null);
            reload();
          }}
          onClose={() => setEditing(null)}
        />
      )}
    </Flex>
  );
}
