import { Col, DatePicker, Form, Input, InputNumber, Row, Select, TreeSelect } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import {
  createClass,
  listInstitutions,
  TRAINING_LEVELS,
  TRAINING_MODES,
  updateClass,
  type ClassDetail,
} from '../../../../common/contracts/training';
import { call } from '../../api/client';
import { useViewer } from '../../app/session';
import { FormModal } from '../../components/FormModal';
import { UnitPicker } from '../../components/UnitPicker';
import { treeOptions, useDictionary } from '../youth/useDictionary';

type Values = {
  title: string;
  unitId: number;
  institutionId?: number | null;
  level: keyof typeof TRAINING_LEVELS;
  targetCategories?: number[];
  capacity: number;
  dates: [Dayjs, Dayjs];
  mode: keyof typeof TRAINING_MODES;
  place?: string;
  description?: string;
  minAttendancePercent: number;
  followUpMonths?: number[];
};

const options = (o: Record<string, string>) => Object.entries(o).map(([value, label]) => ({ value, label }));
const LEVEL_BY_UNIT = { central: 'central', province: 'province', city: 'city', county: 'county' } as const;

/** 新建 / 编辑培训班: dates, capacity, the completion rule and the follow-up schedule. */
export function ClassDialog({
  existing,
  onSaved,
  onClose,
}: {
  existing?: ClassDetail;
  onSaved: (c: ClassDetail) => void;
  onClose: () => void;
}) {
  const me = useViewer();
  const category = useDictionary('category');
  const institutions = useQuery({
    queryKey: ['training', 'institutions', 'options'],
    queryFn: () => call(listInstitutions, { query: { enabledOnly: 'true', pageSize: 200 } }),
  });
  const save = useMutation({
    mutationFn: ({ dates, minAttendancePercent, ...v }: Values) => {
      const body = {
        ...v,
        institutionId: v.institutionId ?? null,
        targetCategories: v.targetCategories ?? [],
        followUpMonths: v.followUpMonths ?? [],
        startDate: dates[0].format('YYYY-MM-DD'),
        endDate: dates[1].format('YYYY-MM-DD'),
        minAttendanceRate: minAttendancePercent / 100,
      };
      return existing
        ? call(updateClass, {
            params: { id: existing.id },
            body: { ...body, unitId: undefined, version: existing.version },
          })
        : call(createClass, { body });
    },
    onSuccess: onSaved,
  });
  const initial: Partial<Values> = existing
    ? {
        title: existing.title,
        unitId: existing.unit.id,
        institutionId: existing.institution?.id,
        level: existing.level,
        targetCategories: existing.targetCategories.map((c) => c.id),
        capacity: existing.capacity,
        dates: [dayjs(existing.startDate), dayjs(existing.endDate)],
        mode: existing.mode,
        place: existing.place ?? undefined,
        description: existing.description ?? undefined,
        minAttendancePercent: Math.round(existing.minAttendanceRate * 100),
        followUpMonths: existing.followUpMonths,
      }
    : {
        unitId: me.unit.id,
        level: LEVEL_BY_UNIT[me.unit.level],
        mode: 'offline',
        capacity: 50,
        minAttendancePercent: 80,
        followUpMonths: [3, 6],
      };
  return (
    <FormModal<Values>
      name="training-class"
      title={existing ? '编辑培训班' : '新建培训班'}
      width={760}
      loading={save.isPending}
      initialValues={initial}
      onSubmit={(v) => save.mutate(v)}
      onCancel={onClose}
      okText="保存"
    >
      <Form.Item
        name="title"
        label="培训班名称"
        rules={[{ required: true, whitespace: true, min: 4, message: '请填写培训班名称（至少 4 个字）' }]}
      >
        <Input maxLength={100} placeholder="如：2026年南昌市新兴青年专题培训班" />
      </Form.Item>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="unitId" label="主办单位" rules={[{ required: true, message: '请选择主办单位' }]}>
            <UnitPicker disabled={Boolean(existing)} valueLabel={existing?.unit.name ?? me.unit.name} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="level" label="培训班层级" rules={[{ required: true, message: '请选择层级' }]}>
            <Select options={options(TRAINING_LEVELS)} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="institutionId" label="培训机构">
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="可在“培训机构”中登记"
              options={(institutions.data?.items ?? []).map((i) => ({ value: i.id, label: i.name }))}
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="targetCategories" label="培训对象（群体类别）">
            <TreeSelect
              multiple
              allowClear
              treeData={treeOptions(category)}
              placeholder="不选则面向各类新兴青年"
              showSearch={{ treeNodeFilterProp: 'title' }}
              maxTagCount="responsive"
            />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="dates" label="培训日期" rules={[{ required: true, message: '请选择培训日期' }]}>
            <DatePicker.RangePicker style={{ width: '100%' }} format="YYYY-MM-DD" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="capacity" label="计划人数" rules={[{ required: true, message: '请填写计划人数' }]}>
            <InputNumber min={1} max={10000} precision={0} style={{ width: '100%' }} suffix="人" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="mode" label="培训方式" rules={[{ required: true, message: '请选择方式' }]}>
            <Select options={options(TRAINING_MODES)} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="place" label="培训地点">
        <Input maxLength={200} placeholder="线上培训可填写平台名称" />
      </Form.Item>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item
            name="minAttendancePercent"
            label="结业要求：出勤率不低于"
            rules={[{ required: true, message: '请填写结业要求' }]}
          >
            <InputNumber min={0} max={100} precision={0} style={{ width: '100%' }} suffix="%" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="followUpMonths"
            label="跟踪培养（结业后第几个月）"
            tooltip="结业时为每名结业学员生成跟踪培养任务"
          >
            <Select
              mode="multiple"
              options={[1, 2, 3, 6, 9, 12, 18, 24].map((m) => ({ value: m, label: `${m} 个月` }))}
              placeholder="不跟踪"
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="description" label="培训班简介">
        <Input.TextArea rows={3} maxLength={2000} showCount />
      </Form.Item>
    </FormModal>
  );
}
