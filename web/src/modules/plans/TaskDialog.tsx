import { Button, Col, Flex, Form, Input, InputNumber, Row, Select } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { COMPARATORS, type Comparator, type DepartmentRef } from '../../../../common/contracts/plans';
import { createTask, updateTask, type TaskDetail } from '../../../../common/contracts/plans-tasks';
import { call } from '../../api/client';
import { FormModal } from '../../components/FormModal';
import { DateText } from '../federation/federationUi';

type Values = {
  sectionId?: number;
  number?: string;
  title: string;
  content?: string;
  leadDepartmentId?: number;
  participantIds?: number[];
  collective?: string;
  owner?: string;
  startDate?: string;
  deadline?: string;
  deadlineText?: string;
  milestones?: { id?: number; title: string; dueDate?: string; dueText?: string | null; doneOn?: string }[];
  indicators?: {
    id?: number;
    name: string;
    comparator: Comparator;
    target?: number;
    measure?: string;
    period?: string;
    phrase?: string | null;
  }[];
};

type Props = {
  planId: number;
  departments: DepartmentRef[];
  sections: { id: number; number: string; title: string }[];
  task?: TaskDetail;
  onSaved: (id: number) => void;
  onClose: () => void;
};

function Milestones() {
  return (
    <Form.List name="milestones">
      {(items, { add, remove }) => (
        <Flex vertical gap={8}>
          {items.map((item) => (
            <Flex key={item.key} gap={8} align="baseline">
              <Form.Item
                name={[item.name, 'title']}
                rules={[{ required: true, message: '请填写节点' }]}
                noStyle
              >
                <Input placeholder="推进节点" maxLength={200} />
              </Form.Item>
              <Form.Item
                name={[item.name, 'dueDate']}
                rules={[{ required: true, message: '请选择日期' }]}
                noStyle
              >
                <DateText placeholder="节点日期" />
              </Form.Item>
              <Form.Item name={[item.name, 'doneOn']} noStyle>
                <DateText placeholder="完成日期" />
              </Form.Item>
              <MinusCircleOutlined onClick={() => remove(item.name)} aria-label="删除该节点" />
            </Flex>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} style={{ width: 180 }}>
            添加推进节点
          </Button>
        </Flex>
      )}
    </Form.List>
  );
}

function Indicators() {
  return (
    <Form.List name="indicators">
      {(items, { add, remove }) => (
        <Flex vertical gap={8}>
          {items.map((item) => (
            <Flex key={item.key} gap={8} align="baseline">
              <Form.Item
                name={[item.name, 'name']}
                rules={[{ required: true, message: '请填写指标' }]}
                noStyle
              >
                <Input placeholder="指标名称" maxLength={100} />
              </Form.Item>
              <Form.Item name={[item.name, 'comparator']} noStyle>
                <Select style={{ width: 64 }} options={COMPARATORS.map((c) => ({ value: c, label: c }))} />
              </Form.Item>
              <Form.Item name={[item.name, 'target']} noStyle>
                <InputNumber min={0} placeholder="目标值" style={{ width: 110 }} />
              </Form.Item>
              <Form.Item name={[item.name, 'measure']} noStyle>
                <Input placeholder="单位" style={{ width: 70 }} maxLength={20} />
              </Form.Item>
              <Form.Item name={[item.name, 'period']} noStyle>
                <Input placeholder="周期" style={{ width: 90 }} maxLength={30} />
              </Form.Item>
              <MinusCircleOutlined onClick={() => remove(item.name)} aria-label="删除该指标" />
            </Flex>
          ))}
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            onClick={() => add({ comparator: '≥' })}
            style={{ width: 180 }}
          >
            添加量化指标
          </Button>
        </Flex>
      )}
    </Form.List>
  );
}

/** 新增任务 / 编辑任务: departments from the plan's unit only; milestones and indicators in place. */
export function TaskDialog({ planId, departments, sections, task, onSaved, onClose }: Props) {
  const options = departments.map((d) => ({ value: d.id, label: d.name }));
  const save = useMutation({
    mutationFn: async (v: Values) => {
      const body = {
        sectionId: v.sectionId ?? null,
        number: v.number ?? '',
        title: v.title,
        content: v.content ?? '',
        departmentsNote: task?.departmentsNote ?? '',
        leadDepartmentId: v.leadDepartmentId ?? null,
        participantIds: (v.participantIds ?? []).filter((id) => id !== v.leadDepartmentId),
        collective: v.collective || null,
        owner: v.owner || null,
        startDate: v.startDate ?? null,
        deadline: v.deadline ?? null,
        deadlineText: v.deadlineText || null,
        milestones: (v.milestones ?? []).map((m) => ({
          ...(m.id ? { id: m.id } : {}),
          title: m.title,
          dueDate: m.dueDate ?? null,
          dueText: m.dueText ?? null,
          doneOn: m.doneOn ?? null,
        })),
        indicators: (v.indicators ?? []).map((i) => ({
          ...(i.id ? { id: i.id } : {}),
          name: i.name,
          comparator: i.comparator,
          target: i.target ?? null,
          measure: i.measure || null,
          period: i.period || null,
          phrase: i.phrase ?? null,
        })),
      };
      if (task) {
        return (await call(updateTask, { params: { id: task.id }, body: { ...body, version: task.version } }))
          .id;
      }
      return (await call(createTask, { params: { id: planId }, body })).id;
    },
    onSuccess: (id) => {
      onSaved(id);
      onClose();
    },
  });
  const initial: Partial<Values> = task
    ? {
        sectionId: task.section?.id,
        number: task.number,
        title: task.title,
        content: task.content,
        leadDepartmentId: task.lead?.id,
        participantIds: task.participants.map((p) => p.id),
        collective: task.collective ?? undefined,
        owner: task.owner ?? undefined,
        startDate: task.startDate ?? undefined,
        deadline: task.ownDeadline ?? undefined,
        deadlineText: task.deadlineText ?? undefined,
        milestones: task.milestones.map((m) => ({
          id: m.id,
          title: m.title,
          dueDate: m.dueDate ?? undefined,
          dueText: m.dueText,
          doneOn: m.doneOn ?? undefined,
        })),
        indicators: task.indicators.map((i) => ({
          id: i.id,
          name: i.name,
          comparator: i.comparator,
          target: i.target ?? undefined,
          measure: i.measure ?? undefined,
          period: i.period ?? undefined,
          phrase: i.phrase,
        })),
      }
    : { sectionId: sections.at(-1)?.id, milestones: [], indicators: [] };
  return (
    <FormModal<Values>
      name="plan-task"
      title={task ? '编辑任务' : '新增任务'}
      width={820}
      initialValues={initial}
      loading={save.isPending}
      onSubmit={(v) => save.mutate(v)}
      onCancel={onClose}
    >
      <Row gutter={16}>
        <Col span={14}>
          <Form.Item name="sectionId" label="章节">
            <Select
              allowClear
              placeholder="不分章节"
              options={sections.map((s) => ({
                value: s.id,
                label: [s.number && `${s.number}、`, s.title].join(''),
              }))}
            />
          </Form.Item>
        </Col>
        <Col span={4}>
          <Form.Item name="number" label="序号">
            <Input maxLength={20} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="owner" label="责任人">
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="title" label="任务标题" rules={[{ required: true, message: '请填写任务标题' }]}>
            <Input maxLength={300} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="content" label="任务内容">
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={20000} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="leadDepartmentId" label="牵头部门 ●">
            <Select allowClear placeholder="请选择" options={options} />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item name="participantIds" label="参与部门 ○">
            <Select mode="multiple" allowClear placeholder="可多选" options={options} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="collective" label="其他责任单位" tooltip="如：机关各部门、各团县（区）委">
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="startDate" label="开始日期">
            <DateText />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item
            name="deadline"
            label="截止日期"
            tooltip="不填则取最后一个推进节点的日期，再不然取方案截止日期"
          >
            <DateText />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label="推进节点">
        <Milestones />
      </Form.Item>
      <Form.Item label="量化指标">
        <Indicators />
      </Form.Item>
    </FormModal>
  );
}
