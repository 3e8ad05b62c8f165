import { DatePicker, Form, Input, InputNumber, Radio, Select, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import {
  BACKBONE_ROLES,
  RECOMMENDATION_KINDS,
  SOCIETY_CONTACT_KINDS,
  addSocietyBackbone,
  createSocietyContact,
  createSocietyNomination,
  createSocietyRecommendation,
  setRecommendationOutcome,
  type SocietyBackbone,
  type SocietyRecommendation,
} from '../../../../common/contracts/societies-support';
import { call } from '../../api/client';
import { FormModal } from '../../components/FormModal';
import { YMD, YouthSelect } from './societiesUi';

type Common = { societyId: number; onSaved: () => void; onClose: () => void };
const notFuture = (d: Dayjs) => d.isAfter(dayjs(), 'day');
const options = (list: readonly string[]) => list.map((v) => ({ label: v, value: v }));

function DateItem({ name, label }: { name: string; label: string }) {
  return (
    <Form.Item name={name} label={label} rules={[{ required: true, message: `请选择${label}` }]}>
      <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
    </Form.Item>
  );
}

/** 联系与支持: a visit, a talk, or support given; moves the society's 最近联系. */
export function ContactDialog({ societyId, onSaved, onClose }: Common) {
  type V = { date: Dayjs; kind: (typeof SOCIETY_CONTACT_KINDS)[number]; summary: string };
  const save = useMutation({
    mutationFn: (v: V) =>
      call(createSocietyContact, {
        params: { id: societyId },
        body: { date: v.date.format(YMD), kind: v.kind, summary: v.summary },
      }),
    onSuccess: onSaved,
  });
  return (
    <FormModal<V>
      name="society-contact"
      title="新增联系与支持记录"
      width={560}
      loading={save.isPending}
      initialValues={{ date: dayjs(), kind: '走访' }}
      onSubmit={(v) => save.mutate(v)}
      onCancel={onClose}
    >
      <DateItem name="date" label="日期" />
      <Form.Item name="kind" label="方式" rules={[{ required: true, message: '请选择方式' }]}>
        <Select options={options(SOCIETY_CONTACT_KINDS)} />
      </Form.Item>
      <Form.Item
        name="summary"
        label="情况"
        rules={[{ required: true, whitespace: true, min: 2, message: '请填写联系或支持情况' }]}
      >
        <Input.TextArea
          rows={4}
          maxLength={2000}
          showCount
          placeholder="走访了解的情况、提供的支持、对方的需求"
        />
      </Form.Item>
    </FormModal>
  );
}

/** 添加骨干: a person from the 青年库 (the viewer's scope). */
export function BackboneDialog({ societyId, onSaved, onClose }: Common) {
  type V = { youthId: number; role: (typeof BACKBONE_ROLES)[number]; note?: string };
  const save = useMutation({
    mutationFn: (v: V) =>
      call(addSocietyBackbone, {
        params: { id: societyId },
        body: { youthId: v.youthId, role: v.role, note: v.note ?? null },
      }),
    onSuccess: onSaved,
  });
  return (
    <FormModal<V>
      name="society-backbone"
      title="添加骨干"
      width={560}
      loading={save.isPending}
      initialValues={{ role: '骨干' }}
      onSubmit={(v) => save.mutate(v)}
      onCancel={onClose}
    >
      <Typography.Paragraph type="secondary">
        骨干须是青年库中的人员。发现政治上可靠、有带动作用、热心青年工作的带头人，作为重点对象培养。
      </Typography.Paragraph>
      <Form.Item name="youthId" label="人员" rules={[{ required: true, message: '请从青年库中选择人员' }]}>
        <YouthSelect />
      </Form.Item>
      <Form.Item name="role" label="角色" rules={[{ required: true, message: '请选择角色' }]}>
        <Radio.Group options={options(BACKBONE_ROLES)} />
      </Form.Item>
      <Form.Item name="note" label="说明">
        <Input maxLength={500} placeholder="在社团中的作用、特长" />
      </Form.Item>
    </FormModal>
  );
}

/** 举荐: one of the society's backbones, for 挂职、兼职、青联委员 or a 团属青年社会组织. */
export function RecommendationDialog({
  societyId,
  backbones,
  youthId,
  onSaved,
  onClose,
}: Common & { backbones: SocietyBackbone[]; youthId?: number }) {
  type V = {
    youthId: number;
    kind: (typeof RECOMMENDATION_KINDS)[number];
    recommendedOn: Dayjs;
    note?: string;
  };
  const save = useMutation({
    mutationFn: (v: V) =>
      call(createSocietyRecommendation, {
        params: { id: societyId },
        body: {
          youthId: v.youthId,
          kind: v.kind,
          recommendedOn: v.recommendedOn.format(YMD),
          note: v.note ?? null,
        },
      }),
    onSuccess: onSaved,
  });
  return (
    <FormModal<V>
      name="society-recommendation"
      title="举荐骨干"
      width={560}
      loading={save.isPending}
      initialValues={{ youthId, recommendedOn: dayjs() }}
      onSubmit={(v) => save.mutate(v)}
      onCancel={onClose}
    >
      <Form.Item name="youthId" label="骨干" rules={[{ required: true, message: '请选择骨干' }]}>
        <Select
          placeholder="请选择"
          options={backbones.map((b) => ({ label: `${b.name}（${b.role}）`, value: b.youthId }))}
        />
      </Form.Item>
      <Form.Item name="kind" label="举荐方向" rules={[{ required: true, message: '请选择举荐方向' }]}>
        <Radio.Group options={options(RECOMMENDATION_KINDS)} />
      </Form.Item>
      <DateItem name="recommendedOn" label="举荐日期" />
      <Form.Item name="note" label="说明">
        <Input maxLength={500} placeholder="如：推荐到团市委社联部兼职副部长" />
      </Form.Item>
    </FormModal>
  );
}

/** 登记举荐结果: 已采纳 or 未采纳, with the date. */
export function OutcomeDialog({
  societyId,
  recommendation,
  onSaved,
  onClose,
}: Common & { recommendation: SocietyRecommendation }) {
  type V = { outcome: 'accepted' | 'declined'; outcomeOn: Dayjs; note?: string };
  const save = useMutation({
    mutationFn: (v: V) =>
      call(setRecommendationOutcome, {
        params: { id: societyId, recommendationId: recommendation.id },
        body: { outcome: v.outcome, outcomeOn: v.outcomeOn.format(YMD), note: v.note ?? null },
      }),
    onSuccess: onSaved,
  });
  return (
    <FormModal<V>
      name="society-outcome"
      title={`登记举荐结果：${recommendation.name}（${recommendation.kind}）`}
      width={520}
      loading={save.isPending}
      initialValues={{ outcome: 'accepted', outcomeOn: dayjs() }}
      onSubmit={(v) => save.mutate(v)}
      onCancel={onClose}
    >
      <Form.Item name="outcome" label="结果" rules={[{ required: true, message: '请选择结果' }]}>
        <Radio.Group
          options={[
            { label: '已采纳', value: 'accepted' },
            { label: '未采纳', value: 'declined' },
          ]}
        />
      </Form.Item>
      <DateItem name="outcomeOn" label="结果日期" />
      <Form.Item name="note" label="说明">
        <Input maxLength={500} />
      </Form.Item>
    </FormModal>
  );
}

/** 青联委员推荐名额 for an unregistered but influential group (seed 003 §三.5). */
export function NominationDialog({ societyId, onSaved, onClose }: Common) {
  type V = { seats: number; grantedOn: Dayjs; note?: string };
  const save = useMutation({
    mutationFn: (v: V) =>
      call(createSocietyNomination, {
        params: { id: societyId },
        body: { seats: v.seats, grantedOn: v.grantedOn.format(YMD), note: v.note ?? null },
      }),
    onSuccess: onSaved,
  });
  return (
    <FormModal<V>
      name="society-nomination"
      title="开放青联委员推荐名额"
      width={520}
      loading={save.isPending}
      initialValues={{ seats: 1, grantedOn: dayjs() }}
      onSubmit={(v) => save.mutate(v)}
      onCancel={onClose}
    >
      <Typography.Paragraph type="secondary">
        尚未注册但青年参与度较高、规模较大、社会影响力较强，暂不具备吸纳条件的青年自组织和青年社群，可开放部分青联委员推荐名额，与青联保持相对紧密联系。
      </Typography.Paragraph>
      <Form.Item name="seats" label="名额" rules={[{ required: true, message: '请填写名额' }]}>
        <InputNumber min={1} max={20} precision={0} style={{ width: 160 }} />
      </Form.Item>
      <DateItem name="grantedOn" label="开放日期" />
      <Form.Item name="note" label="说明">
        <Input maxLength={500} placeholder="如：第十三届市青联增补" />
      </Form.Item>
    </FormModal>
  );
}
