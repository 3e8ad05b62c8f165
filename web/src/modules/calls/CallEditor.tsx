import { useMemo, type ReactNode } from 'react';
import {
  App,
  Button,
  Col,
  DatePicker,
  Drawer,
  Flex,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Switch,
  Typography,
  type FormInstance,
} from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import {
  DEFAULT_AWARD_LEVELS,
  DEFAULT_RUBRIC,
  callParentOptions,
  callSettingsProblems,
  createCall,
  updateCall,
  type CallAwardLevel,
  type CallCategory,
  type CallCriterion,
  type CallDetail,
} from '../../../../common/contracts/calls';
import { ApiError, call } from '../../api/client';
import { AwardLevelsTable, CategoriesTable, RubricTable } from './CallSettingsTables';

type Values = {
  title: string;
  theme: string;
  period: [Dayjs, Dayjs];
  ageMin: number;
  ageMax: number;
  allowGroups: boolean;
  maxGroupSize: number;
  categories: CallCategory[];
  rubric: CallCriterion[];
  awardLevels: CallAwardLevel[];
  publicityDays: number;
  parentCallId: number | null;
  recommendQuota: number;
  rules: string;
};

function Section({ title, extra, children }: { title: string; extra?: ReactNode; children: ReactNode }) {
  return (
    <section style={{ marginBottom: 24 }}>
      <Flex align="baseline" gap={12} style={{ marginBottom: 12 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {extra && <Typography.Text type="secondary">{extra}</Typography.Text>}
      </Flex>
      {children}
    </section>
  );
}

function initialValues(c: CallDetail | undefined): Partial<Values> {
  if (!c) {
    const start = dayjs().startOf('day');
    return {
      theme: '',
      rules: '',
      period: [start, start.add(30, 'day').endOf('day')],
      ageMin: 16,
      ageMax: 35,
      allowGroups: true,
      maxGroupSize: 5,
      categories: [],
      rubric: DEFAULT_RUBRIC.map((r) => ({ ...r })),
      awardLevels: DEFAULT_AWARD_LEVELS.map((a) => ({ ...a })),
      publicityDays: 7,
      parentCallId: null,
      recommendQuota: 0,
    };
  }
  return {
    title: c.title,
    theme: c.theme,
    rules: c.rules,
    period: [dayjs(c.opensAt), dayjs(c.closesAt)],
    ageMin: c.ageMin,
    ageMax: c.ageMax,
    allowGroups: c.allowGroups,
    maxGroupSize: c.maxGroupSize,
    categories: c.categories.map((x) => ({ ...x, note: x.note ?? '' })),
    rubric: c.rubric,
    awardLevels: c.awardLevels,
    publicityDays: c.publicityDays,
    parentCallId: c.parentCallId,
    recommendQuota: c.recommendQuota,
  };
}

type Fields = Parameters<FormInstance<Values>['setFields']>[0];

/** Problems (path categories.1.label) as the form fields' errors. */
const fieldErrors = (problems: { path: string; message: string }[]): Fields =>
  problems.map((p) => ({
    name: p.path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part)),
    errors: [p.message],
  })) as Fields;

function ParentCallSelect({ current }: { current?: CallDetail }) {
  const options = useQuery({
    queryKey: ['calls', 'parent-options'],
    queryFn: () => call(callParentOptions, { query: {} }),
  });
  const items = useMemo(() => {
    const list = (options.data?.items ?? []).map((o) => ({
      value: o.id,
      label: `${o.unitName}：${o.title}（${dayjs(o.closesAt).format('YYYY-MM-DD')} 截止）`,
    }));
    // The chosen parent may have finished since: it stays shown rather than as a bare number.
    if (current?.parentCallId && !list.some((o) => o.value === current.parentCallId)) {
      list.unshift({
        value: current.parentCallId,
        label: `${current.parentUnitName ?? ''}：${current.parentCallTitle ?? ''}`,
      });
    }
    return list;
  }, [options.data, current]);
  return (
    <Select
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      loading={options.isPending}
      options={items}
      placeholder="不向上推荐可不选"
      notFoundContent={options.isPending ? '加载中…' : '上级团组织暂无正在进行的征集'}
    />
  );
}

/** 新建 / 修改作品征集: everything the call says, in one drawer; 评分项权重合计须为 100. */
export function CallEditor({
  current,
  onSaved,
  onClose,
}: {
  current?: CallDetail;
  onSaved: (c: CallDetail) => void;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const allowGroups = Form.useWatch('allowGroups', form);
  const parentCallId = Form.useWatch('parentCallId', form);
  const entriesByCategory = useMemo(
    () => Object.fromEntries((current?.entriesByCategory ?? []).map((e) => [e.key, e.count])),
    [current],
  );

  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = {
        title: v.title,
        theme: v.theme ?? '',
        rules: v.rules ?? '',
        opensAt: v.period[0].toISOString(),
        closesAt: v.period[1].toISOString(),
        ageMin: v.ageMin,
        ageMax: v.ageMax,
        allowGroups: v.allowGroups,
        maxGroupSize: v.maxGroupSize,
        categories: v.categories.map((c) => ({ ...c, note: c.note?.trim() || undefined })),
        rubric: v.rubric.map((r) => ({ ...r, description: r.description ?? '' })),
        awardLevels: v.awardLevels,
        publicityDays: v.publicityDays,
        parentCallId: v.parentCallId ?? null,
        recommendQuota: v.recommendQuota,
      };
      return current
        ? call(updateCall, { params: { id: current.id }, body: { ...body, version: current.version } })
        : call(createCall, { body });
    },
    onSuccess: (c) => {
      message.success(current ? '已保存' : '已新建征集，发布后青年即可通过链接投稿');
      onSaved(c);
    },
    onError: (e: Error) => {
      if (e instanceof ApiError && e.details?.length) {
        form.setFields(fieldErrors(e.details));
      }
      message.error(e.message);
    },
  });

  const submit = (v: Values) => {
    const problems = callSettingsProblems({
      categories: v.categories,
      rubric: v.rubric,
      awardLevels: v.awardLevels,
      ageMin: v.ageMin,
      ageMax: v.ageMax,
      opensAt: v.period[0].toISOString(),
      closesAt: v.period[1].toISOString(),
    }).filter((p) => p.path !== 'rubric');
    if (problems.length) {
      form.setFields(
        fieldErrors(problems.map((p) => (p.path === 'closesAt' ? { ...p, path: 'period' } : p))),
      );
      message.error(problems[0].message);
      return;
    }
    save.mutate(v);
  };

  return (
    <Drawer
      open
      size={1000}
      title={current ? `修改征集：${current.title}` : '新建作品征集'}
      onClose={onClose}
      destroyOnHidden
      footer={
        <Flex justify="end">
          <Space>
            <Button onClick={onClose}>取消</Button>
            <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
              保存
            </Button>
          </Space>
        </Flex>
      }
    >
      <Form<Values>
        form={form}
        name="call"
        layout="vertical"
        initialValues={initialValues(current)}
        onFinish={submit}
        onFinishFailed={({ errorFields }) => {
          const first = errorFields[0]?.errors[0];
          if (first) message.error(first);
        }}
        scrollToFirstError
      >
        <Section title="基本信息">
          <Row gutter={16}>
            <Col span={14}>
              <Form.Item
                name="title"
                label="征集标题"
                rules={[{ required: true, whitespace: true, message: '请填写征集标题' }]}
              >
                <Input maxLength={100} showCount placeholder="如 2026 年南昌市青年书画作品征集" />
              </Form.Item>
            </Col>
            <Col span={10}>
              <Form.Item
                name="period"
                label="征集时间"
                rules={[{ required: true, message: '请选择征集的开始和截止时间' }]}
              >
                <DatePicker.RangePicker
                  showTime={{ format: 'HH:mm' }}
                  format="YYYY-MM-DD HH:mm"
                  placeholder={['开始时间', '截止时间']}
                  style={{ width: '100%' }}
                />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="theme" label="征集主题">
            <Input.TextArea
              autoSize={{ minRows: 2, maxRows: 4 }}
              maxLength={500}
              showCount
              placeholder="一两句话说明征集什么、面向谁"
            />
          </Form.Item>
          <Row gutter={16}>
            <Col span={5}>
              <Form.Item
                name="ageMin"
                label="最小年龄（周岁）"
                rules={[{ required: true, message: '请填写年龄下限' }]}
              >
                <InputNumber min={6} max={60} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={5}>
              <Form.Item
                name="ageMax"
                label="最大年龄（周岁）"
                rules={[{ required: true, message: '请填写年龄上限' }]}
              >
                <InputNumber min={6} max={60} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={4}>
              <Form.Item name="allowGroups" label="允许团体投稿" valuePropName="checked">
                <Switch checkedChildren="允许" unCheckedChildren="不允许" />
              </Form.Item>
            </Col>
            <Col span={5}>
              <Form.Item
                name="maxGroupSize"
                label="团体最多人数"
                rules={[{ required: true, message: '请填写人数' }]}
              >
                <InputNumber
                  min={2}
                  max={50}
                  precision={0}
                  disabled={!allowGroups}
                  style={{ width: '100%' }}
                />
              </Form.Item>
            </Col>
            <Col span={5}>
              <Form.Item
                name="publicityDays"
                label="公示天数"
                rules={[{ required: true, message: '请填写公示天数' }]}
                tooltip="评奖结果在公开页面公示的天数，期间可提出异议"
              >
                <InputNumber min={1} max={60} precision={0} suffix="天" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <Typography.Text type="secondary">年龄按截止日计算；地域范围为本单位及下级。</Typography.Text>
        </Section>

        <Section title="作品类别" extra="每个类别可提交的文件种类、数量和大小；上传时按文件内容识别类型">
          <CategoriesTable entriesByCategory={entriesByCategory} />
        </Section>

        <Section title="评分标准" extra="评委按评分项打分，按权重折合为百分制">
          <RubricTable />
        </Section>

        <Section title="奖项设置">
          <AwardLevelsTable />
        </Section>

        <Section
          title="逐级推荐"
          extra="本次征集的优秀作品可推荐到上级团组织的征集；下级团组织的征集也可向本次征集推荐作品"
        >
          <Row gutter={16}>
            <Col span={16}>
              <Form.Item
                name="parentCallId"
                label="推荐到上级征集"
                extra={parentCallId ? '推荐名额由上级征集设定' : undefined}
              >
                <ParentCallSelect current={current} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item
                name="recommendQuota"
                label="每个下级征集可推荐"
                rules={[{ required: true, message: '请填写下级推荐名额' }]}
                extra="0 表示不接收下级推荐"
              >
                <InputNumber min={0} max={1000} precision={0} suffix="件" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
        </Section>

        <Section title="征集规则" extra="显示在公开页面上：投稿要求、评审方式、奖励、版权说明等">
          <Form.Item name="rules" noStyle>
            <Input.TextArea
              aria-label="征集规则"
              autoSize={{ minRows: 5, maxRows: 14 }}
              maxLength={20_000}
              showCount
              placeholder="如：一、征集对象……二、作品要求……三、评审与奖励……"
            />
          </Form.Item>
        </Section>
      </Form>
    </Drawer>
  );
}
