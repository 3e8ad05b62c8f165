import { Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { useMutation } from '@tanstack/react-query';
import {
  MENTOR_SOURCES,
  createMentor,
  updateMentor,
  type MentorDetail,
} from '../../../../common/contracts/mentors';
import { call } from '../../api/client';
import { useViewer } from '../../app/session';
import { FormModal } from '../../components/FormModal';
import { UnitPicker } from '../../components/UnitPicker';

type Values = {
  name: string;
  source: (typeof MENTOR_SOURCES)[number];
  specialty: string;
  employer?: string;
  title?: string;
  phone?: string;
  email?: string;
  maxMentees: number;
  bio?: string;
  unitId: number;
};

/** 登记导师 / 修改导师信息. The phone is never prefilled: empty keeps the stored one. */
export function MentorDialog({
  mentor,
  onSaved,
  onClose,
}: {
  mentor?: MentorDetail;
  onSaved: (m: MentorDetail) => void;
  onClose: () => void;
}) {
  const me = useViewer();
  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = {
        ...v,
        employer: v.employer ?? null,
        title: v.title ?? null,
        email: v.email ?? null,
        bio: v.bio ?? null,
        phone: v.phone?.trim() ? v.phone : mentor ? undefined : null,
      };
      return mentor
        ? call(updateMentor, { params: { id: mentor.id }, body: { ...body, version: mentor.version } })
        : call(createMentor, { body });
    },
    onSuccess: onSaved,
  });
  return (
    <FormModal<Values>
      name="mentor"
      title={mentor ? '修改导师信息' : '登记梦想导师'}
      width={720}
      loading={save.isPending}
      initialValues={
        mentor
          ? {
              name: mentor.name,
              source: mentor.source as Values['source'],
              specialty: mentor.specialty,
              employer: mentor.employer ?? undefined,
              title: mentor.title ?? undefined,
              email: mentor.email ?? undefined,
              maxMentees: mentor.maxMentees,
              bio: mentor.bio ?? undefined,
              unitId: mentor.unit.id,
            }
          : { maxMentees: 3, unitId: me.unit.id }
      }
      onSubmit={(v) => save.mutate(v)}
      onCancel={onClose}
    >
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item
            name="name"
            label="姓名"
            rules={[{ required: true, whitespace: true, message: '请填写导师姓名' }]}
          >
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="source" label="导师来源" rules={[{ required: true, message: '请选择导师来源' }]}>
            <Select placeholder="请选择" options={MENTOR_SOURCES.map((s) => ({ label: s, value: s }))} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="specialty"
            label="专业特长"
            rules={[{ required: true, whitespace: true, message: '请填写专业特长' }]}
          >
            <Input maxLength={100} placeholder="如：网络文学创作、独立电影制作" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="maxMentees" label="最多带教人数" rules={[{ required: true, message: '请填写' }]}>
            <InputNumber min={1} max={20} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="employer" label="工作单位">
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="title" label="职务职称">
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="phone"
            label="手机号"
            extra={
              mentor?.hasPhone ? `已登记 ${mentor.phone}，不修改请留空` : '加密保存，页面上只显示脱敏号码'
            }
          >
            <Input maxLength={30} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="email" label="邮箱" rules={[{ type: 'email', message: '邮箱格式不正确' }]}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="unitId" label="所属单位" rules={[{ required: true, message: '请选择单位' }]}>
            <UnitPicker valueLabel={mentor?.unit.name ?? me.unit.name} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="bio" label="简介">
            <Input.TextArea rows={3} maxLength={2000} showCount placeholder="代表作品、荣誉、指导经历" />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}
