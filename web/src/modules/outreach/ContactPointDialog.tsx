import { useState } from 'react';
import { App, Col, DatePicker, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import {
  CONTACT_POINT_KINDS,
  CONTACT_RELATIONS,
  createContactPoint,
  updateContactPoint,
  type ContactPoint,
} from '../../../../common/contracts/outreach';
import { call, isVersionConflict } from '../../api/client';
import { useViewer } from '../../app/session';
import { FormModal } from '../../components/FormModal';
import { UnitPicker } from '../../components/UnitPicker';

type Kind = (typeof CONTACT_POINT_KINDS)[number];
type Relation = (typeof CONTACT_RELATIONS)[number];
type Values = {
  unitId?: number;
  name: string;
  kind: Kind;
  address?: string;
  contactName?: string;
  contactPhone?: string;
  relation: Relation;
  since?: Dayjs;
  youthEstimate?: number | null;
  remark?: string;
  active: boolean;
};

/** 新增 or 修改 a contact point; the masked phone shown is never sent back, only a newly typed one. */
export function ContactPointDialog({
  point,
  onSaved,
  onClose,
}: {
  point?: ContactPoint;
  onSaved: (id: number) => void;
  onClose: () => void;
}) {
  const me = useViewer();
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const initial: Partial<Values> = point
    ? {
        unitId: point.unit.id,
        name: point.name,
        kind: point.kind as Kind,
        address: point.address ?? undefined,
        contactName: point.contactName ?? undefined,
        contactPhone: point.contactPhone ?? undefined,
        relation: point.relation as Relation,
        since: point.since ? dayjs(point.since) : undefined,
        youthEstimate: point.youthEstimate,
        remark: point.remark ?? undefined,
        active: point.active,
      }
    : { unitId: me.unit.id, kind: '文创园区', relation: '日常联系', active: true };

  const submit = async ({ contactPhone, since, ...v }: Values) => {
    setSaving(true);
    const phone = contactPhone?.includes('*') ? undefined : contactPhone?.trim() || null;
    const fields = {
      ...v,
      address: v.address || null,
      contactName: v.contactName || null,
      contactPhone: point && phone === undefined ? undefined : phone,
      since: since ? since.format('YYYY-MM-DD') : null,
      youthEstimate: v.youthEstimate ?? null,
      remark: v.remark || null,
    };
    try {
      const saved = point
        ? await call(updateContactPoint, {
            params: { id: point.id },
            body: { ...fields, version: point.version },
          })
        : await call(createContactPoint, { body: fields });
      message.success(point ? '已保存' : `已新增联系点：${saved.name}`);
      onSaved(saved.id);
    } catch (e) {
      message.error(
        isVersionConflict(e)
          ? '该联系点已被他人修改，请关闭后刷新再编辑'
          : e instanceof Error
            ? e.message
            : '保存失败',
      );
    } finally {
      setSaving(false);
    }
  };

  return (
    <FormModal<Values>
      name="contact-point"
      title={point ? '修改联系点' : '新增联系点'}
      width={720}
      initialValues={initial}
      onSubmit={(v) => void submit(v)}
      onCancel={onClose}
      loading={saving}
      okText="保存"
    >
      <Row gutter={16}>
        <Col span={16}>
          <Form.Item
            name="name"
            label="联系点名称"
            rules={[{ required: true, whitespace: true, min: 2, message: '请填写联系点名称（至少 2 个字）' }]}
          >
            <Input maxLength={100} placeholder="如：某某快递东湖营业部、某某文创园" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="kind" label="类型" rules={[{ required: true, message: '请选择联系点类型' }]}>
            <Select options={CONTACT_POINT_KINDS.map((k) => ({ value: k, label: k }))} />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item name="unitId" label="登记单位" rules={[{ required: true, message: '请选择登记单位' }]}>
            <UnitPicker valueLabel={point ? point.unit.name : me.unit.name} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="relation" label="联系方式" rules={[{ required: true, message: '请选择联系方式' }]}>
            <Select options={CONTACT_RELATIONS.map((k) => ({ value: k, label: k }))} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="address" label="地址">
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="contactName" label="联系人">
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item
            name="contactPhone"
            label="联系电话"
            extra={point?.contactPhone ? '如需更换请重新填写完整号码' : '加密保存，列表中脱敏显示'}
          >
            <Input maxLength={30} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="since" label="建立联系日期">
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="youthEstimate" label="青年人数（估）">
            <InputNumber min={0} precision={0} style={{ width: '100%' }} addonAfter="人" />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item name="active" label="状态" valuePropName="checked">
            <Switch checkedChildren="在联" unCheckedChildren="已停止联系" />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="remark" label="备注">
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}
