import { Button, Col, Flex, Form, Input, InputNumber, Row, Select } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { PLAN_KINDS, updatePlan, type PlanKind } from '../../../../common/contracts/plans';
import { createPlan } from '../../../../common/contracts/plans-drafts';
import type { PlanDetail } from '../../../../common/contracts/plans-tasks';
import { call } from '../../api/client';
import { useViewer } from '../../app/session';
import { FormModal } from '../../components/FormModal';
import { UnitPicker } from '../../components/UnitPicker';
import { DateText } from '../federation/federationUi';

type Values = {
  unitId: number;
  title: string;
  kind: PlanKind;
  year: number;
  docNumber?: string;
  issuer?: string;
  startDate?: string;
  endDate?: string;
  sections: { id?: number; number?: string; title?: string; intro?: string }[];
};

export const KIND_OPTIONS = Object.entries(PLAN_KINDS).map(([value, label]) => ({ value, label }));

/** The plan's own fields, shared by the import preview and this dialog. */
export function PlanMetaFields({ withUnit }: { withUnit?: boolean }) {
  return (
    <Row gutter={16}>
      {withUnit && (
        <Col span={12}>
          <Form.Item name="unitId" label="单位" rules={[{ required: true, message: '请选择单位' }]}>
            <UnitPicker />
          </Form.Item>
        </Col>
      )}
      <Col span={withUnit ? 12 : 24}>
        <Form.Item name="title" label="方案名称" rules={[{ required: true, message: '请填写方案名称' }]}>
          <Input maxLength={300} />
        </Form.Item>
      </Col>
      <Col span={6}>
        <Form.Item name="kind" label="类型" rules={[{ required: true, message: '请选择类型' }]}>
          <Select options={KIND_OPTIONS} />
        </Form.Item>
      </Col>
      <Col span={6}>
        <Form.Item name="year" label="年度" rules={[{ required: true, message: '请填写年度' }]}>
          <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col span={6}>
        <Form.Item name="docNumber" label="文号">
          <Input maxLength={60} />
        </Form.Item>
      </Col>
      <Col span={6}>
        <Form.Item name="issuer" label="发文单位">
          <Input maxLength={100} />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item
          name="startDate"
          label="开始日期"
          tooltip="红黄绿灯从这一天起计算时间进度；不填则为当年 1 月 1 日"
        >
          <DateText />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name="endDate" label="方案截止日期" tooltip="没有单独截止日期的任务，以此为截止日期">
          <DateText />
        </Form.Item>
      </Col>
    </Row>
  );
}

function SectionsField() {
  return (
    <Form.Item label="章节" tooltip="删除章节前，请先把其中的任务移到其他章节或删除">
      <Form.List name="sections">
        {(items, { add, remove }) => (
          <Flex vertical gap={8}>
            {items.map((item) => (
              <Flex key={item.key} gap={8} align="baseline">
                <Form.Item name={[item.name, 'number']} noStyle>
                  <Input placeholder="序号，如：一" style={{ width: 110 }} maxLength={20} />
                </Form.Item>
                <Form.Item name={[item.name, 'title']} noStyle>
                  <Input placeholder="章节标题" maxLength={300} />
                </Form.Item>
                <MinusCircleOutlined onClick={() => remove(item.name)} aria-label="删除该章节" />
              </Flex>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} style={{ width: 200 }}>
              添加章节
            </Button>
          </Flex>
        )}
      </Form.List>
    </Form.Item>
  );
}

/** 手工新建 (no plan) or 编辑方案 (a plan): the plan's fields and its sections. */
export function PlanDialog({
  plan,
  onSaved,
  onClose,
}: {
  plan?: PlanDetail;
  onSaved: (id: number) => void;
  onClose: () => void;
}) {
  const me = useViewer();
  const save = useMutation({
    mutationFn: async (v: Values) => {
      const meta = {
        title: v.title,
        kind: v.kind,
        year: v.year,
        docNumber: v.docNumber || null,
        issuer: v.issuer || null,
        startDate: v.startDate ?? null,
        endDate: v.endDate ?? null,
      };
      const sections = (v.sections ?? []).map((s) => ({
        ...(s.id ? { id: s.id } : {}),
        number: s.number ?? '',
        title: s.title ?? '',
        intro: s.intro ?? '',
      }));
      if (plan) {
        return call(updatePlan, {
          params: { id: plan.id },
          body: { ...meta, version: plan.version, sections },
        });
      }
      return call(createPlan, {
        body: {
          ...meta,
          unitId: v.unitId,
          source: 'manual',
          sections: sections.map((s) => ({ ...s, tasks: [] })),
        },
      });
    },
    onSuccess: (r) => {
      onSaved(r.id);
      onClose();
    },
  });
  const initial: Partial<Values> = plan
    ? {
        title: plan.title,
        kind: plan.kind,
        year: plan.year,
        docNumber: plan.docNumber ?? undefined,
        issuer: plan.issuer ?? undefined,
        startDate: plan.startDate ?? undefined,
        endDate: plan.endDate ?? undefined,
        sections: plan.sections,
      }
    : {
        unitId: me.unit.id,
        kind: 'annual',
        year: new Date().getFullYear(),
        endDate: `${new Date().getFullYear()}-12-31`,
        issuer: me.unit.orgName,
        sections: [{ number: '一', title: '' }],
      };
  return (
    <FormModal<Values>
      name="plan"
      title={plan ? '编辑方案' : '手工新建工作方案'}
      width={760}
      initialValues={initial}
      loading={save.isPending}
      onSubmit={(v) => save.mutate(v)}
      onCancel={onClose}
    >
      <PlanMetaFields withUnit={!plan} />
      <SectionsField />
    </FormModal>
  );
}
