import type { ReactNode } from 'react';
import { Button, Flex, Form, Input, InputNumber, Select, Table, Tag, Tooltip, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { FormListFieldData } from 'antd/es/form/FormList';
import {
  DEFAULT_CATEGORIES,
  FILE_KINDS,
  callSettingsProblems,
  type CallAwardLevel,
  type CallCategory,
  type CallCriterion,
} from '../../../../common/contracts/calls';

const KIND_OPTIONS = Object.entries(FILE_KINDS).map(([value, label]) => ({ value, label }));
const cell = { marginBottom: 0 };
const required = (message: string) => [{ required: true, message }];

/** A key no row has yet (c1, c2…): entries keep their category's key, so keys are never reused or edited. */
export function freshKey(prefix: string, taken: { key: string }[]) {
  const keys = new Set(taken.map((t) => t.key));
  let n = taken.length + 1;
  while (keys.has(`${prefix}${n}`)) n += 1;
  return `${prefix}${n}`;
}

function RemoveButton({
  label,
  onClick,
  lockedBy,
}: {
  label: string;
  onClick: () => void;
  lockedBy?: string;
}) {
  return (
    <Tooltip title={lockedBy ?? `删除${label}`}>
      <Button
        type="text"
        danger
        icon={<DeleteOutlined />}
        aria-label={`删除${label}`}
        disabled={Boolean(lockedBy)}
        onClick={onClick}
      />
    </Tooltip>
  );
}

/** A list's own errors (权重合计…), in the danger colour the fields' errors have. */
function ListErrors({ errors }: { errors: ReactNode[] }) {
  if (!errors.length) return null;
  return (
    <div role="alert">
      {errors.map((e, i) => (
        <Typography.Text key={i} type="danger" style={{ display: 'block' }}>
          {e}
        </Typography.Text>
      ))}
    </div>
  );
}

function ListTable({
  fields,
  columns,
  empty,
}: {
  fields: FormListFieldData[];
  columns: {
    key: string;
    title: string;
    width?: number;
    render: (f: FormListFieldData, i: number) => ReactNode;
  }[];
  empty: string;
}) {
  return (
    <Table<FormListFieldData>
      size="small"
      bordered
      pagination={false}
      rowKey="key"
      dataSource={fields}
      locale={{ emptyText: empty }}
      columns={columns.map((c) => ({
        key: c.key,
        title: c.title,
        width: c.width,
        onCell: () => ({ style: { verticalAlign: 'top' } }),
        render: (_: unknown, f: FormListFieldData, i: number) => c.render(f, i),
      }))}
    />
  );
}

/** 作品类别: what to submit per category; the usual categories are one click away. */
export function CategoriesTable({ entriesByCategory }: { entriesByCategory: Record<string, number> }) {
  const form = Form.useFormInstance();
  const current: CallCategory[] = Form.useWatch('categories', form) ?? [];
  const unused = DEFAULT_CATEGORIES.filter(
    (d) => !current.some((c) => c.key === d.key || c.label === d.label),
  );
  return (
    <Form.List
      name="categories"
      rules={[
        {
          validator: async (_, v: CallCategory[] | undefined) => {
            if (!v?.length) throw new Error('请至少设置一个作品类别');
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <Flex vertical gap={8}>
          <Flex gap={6} wrap align="center">
            <Typography.Text type="secondary">常用类别：</Typography.Text>
            {unused.map((d) => (
              <Tag.CheckableTag key={d.key} checked={false} onChange={() => add({ ...d })}>
                <PlusOutlined /> {d.label}
              </Tag.CheckableTag>
            ))}
            {!unused.length && <Typography.Text type="secondary">已全部添加</Typography.Text>}
            <Button
              size="small"
              icon={<PlusOutlined />}
              onClick={() =>
                add({
                  key: freshKey('c', current),
                  label: '',
                  kinds: ['image'],
                  maxFiles: 3,
                  maxMb: 20,
                  note: '',
                })
              }
            >
              自定义类别
            </Button>
          </Flex>
          <ListTable
            fields={fields}
            empty="还没有作品类别：点击上方常用类别添加，或添加自定义类别"
            columns={[
              {
                key: 'label',
                title: '类别',
                width: 140,
                render: (f, i) => (
                  <>
                    <Form.Item name={[f.name, 'key']} hidden>
                      <Input />
                    </Form.Item>
                    <Form.Item name={[f.name, 'label']} style={cell} rules={required('请填写类别名称')}>
                      <Input maxLength={30} aria-label={`类别${i + 1}名称`} placeholder="如 书法" />
                    </Form.Item>
                  </>
                ),
              },
              {
                key: 'kinds',
                title: '可提交的文件',
                width: 250,
                render: (f, i) => (
                  <Form.Item name={[f.name, 'kinds']} style={cell} rules={required('请至少选择一种文件类型')}>
                    <Select mode="multiple" options={KIND_OPTIONS} aria-label={`类别${i + 1}文件类型`} />
                  </Form.Item>
                ),
              },
              {
                key: 'maxFiles',
                title: '最多文件数',
                width: 100,
                render: (f, i) => (
                  <Form.Item name={[f.name, 'maxFiles']} style={cell} rules={required('请填写文件数')}>
                    <InputNumber min={1} max={20} precision={0} aria-label={`类别${i + 1}最多文件数`} />
                  </Form.Item>
                ),
              },
              {
                key: 'maxMb',
                title: '单个文件上限',
                width: 130,
                render: (f, i) => (
                  <Form.Item name={[f.name, 'maxMb']} style={cell} rules={required('请填写大小上限')}>
                    <InputNumber
                      min={1}
                      max={2048}
                      precision={0}
                      suffix="MB"
                      style={{ width: 110 }}
                      aria-label={`类别${i + 1}单个文件上限`}
                    />
                  </Form.Item>
                ),
              },
              {
                key: 'note',
                title: '说明',
                render: (f, i) => (
                  <Form.Item name={[f.name, 'note']} style={cell}>
                    <Input
                      maxLength={200}
                      aria-label={`类别${i + 1}说明`}
                      placeholder="如 作品尺寸、时长要求"
                    />
                  </Form.Item>
                ),
              },
              {
                key: 'remove',
                title: '',
                width: 48,
                render: (f) => {
                  const key = current[f.name]?.key;
                  const n = key ? (entriesByCategory[key] ?? 0) : 0;
                  return (
                    <RemoveButton
                      label="类别"
                      lockedBy={n ? `该类别已有 ${n} 件作品，不能删除` : undefined}
                      onClick={() => remove(f.name)}
                    />
                  );
                },
              },
            ]}
          />
          <ListErrors errors={errors} />
        </Flex>
      )}
    </Form.List>
  );
}

/** 评分标准: criteria with weights adding up to 100 (the sum shows as it is typed). */
export function RubricTable() {
  const form = Form.useFormInstance();
  const current: CallCriterion[] = Form.useWatch('rubric', form) ?? [];
  const sum = current.reduce((a, c) => a + (Number(c?.weight) || 0), 0);
  return (
    <Form.List
      name="rubric"
      rules={[
        {
          validator: async (_, v: CallCriterion[] | undefined) => {
            if (!v?.length) throw new Error('请至少设置一个评分项');
            const problem = callSettingsProblems({ rubric: v }).find((p) => p.path === 'rubric');
            if (problem) throw new Error(problem.message);
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <Flex vertical gap={8}>
          <ListTable
            fields={fields}
            empty="还没有评分项：添加评分项，权重合计须为 100"
            columns={[
              {
                key: 'label',
                title: '评分项',
                width: 140,
                render: (f, i) => (
                  <>
                    <Form.Item name={[f.name, 'key']} hidden>
                      <Input />
                    </Form.Item>
                    <Form.Item name={[f.name, 'label']} style={cell} rules={required('请填写评分项名称')}>
                      <Input maxLength={20} aria-label={`评分项${i + 1}名称`} placeholder="如 艺术性" />
                    </Form.Item>
                  </>
                ),
              },
              {
                key: 'weight',
                title: '权重（%）',
                width: 110,
                render: (f, i) => (
                  <Form.Item name={[f.name, 'weight']} style={cell} rules={required('请填写权重')}>
                    <InputNumber min={1} max={100} precision={0} aria-label={`评分项${i + 1}权重`} />
                  </Form.Item>
                ),
              },
              {
                key: 'maxScore',
                title: '满分',
                width: 100,
                render: (f, i) => (
                  <Form.Item name={[f.name, 'maxScore']} style={cell} rules={required('请填写满分')}>
                    <InputNumber min={1} max={100} precision={0} aria-label={`评分项${i + 1}满分`} />
                  </Form.Item>
                ),
              },
              {
                key: 'description',
                title: '评分说明（评委可见）',
                render: (f, i) => (
                  <Form.Item name={[f.name, 'description']} style={cell}>
                    <Input.TextArea
                      autoSize={{ minRows: 1, maxRows: 3 }}
                      maxLength={300}
                      aria-label={`评分项${i + 1}说明`}
                    />
                  </Form.Item>
                ),
              },
              {
                key: 'remove',
                title: '',
                width: 48,
                render: (f) => <RemoveButton label="评分项" onClick={() => remove(f.name)} />,
              },
            ]}
          />
          <Flex justify="space-between" align="center">
            <Button
              size="small"
              icon={<PlusOutlined />}
              onClick={() =>
                add({ key: freshKey('r', current), label: '', weight: 10, maxScore: 100, description: '' })
              }
            >
              添加评分项
            </Button>
            <Typography.Text type={sum === 100 ? 'success' : 'danger'} aria-live="polite">
              权重合计 {sum}
              {sum === 100 ? '' : '，须为 100'}
            </Typography.Text>
          </Flex>
          <ListErrors errors={errors} />
        </Flex>
      )}
    </Form.List>
  );
}

/** 奖项设置: levels best first, each with how many works it goes to. */
export function AwardLevelsTable() {
  const form = Form.useFormInstance();
  const current: CallAwardLevel[] = Form.useWatch('awardLevels', form) ?? [];
  return (
    <Form.List
      name="awardLevels"
      rules={[
        {
          validator: async (_, v: CallAwardLevel[] | undefined) => {
            if (!v?.length) throw new Error('请至少设置一个奖项');
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <Flex vertical gap={8}>
          <ListTable
            fields={fields}
            empty="还没有奖项：添加奖项及名额"
            columns={[
              {
                key: 'label',
                title: '奖项（由高到低）',
                render: (f, i) => (
                  <>
                    <Form.Item name={[f.name, 'key']} hidden>
                      <Input />
                    </Form.Item>
                    <Form.Item name={[f.name, 'label']} style={cell} rules={required('请填写奖项名称')}>
                      <Input maxLength={20} aria-label={`奖项${i + 1}名称`} placeholder="如 一等奖" />
                    </Form.Item>
                  </>
                ),
              },
              {
                key: 'count',
                title: '名额',
                width: 120,
                render: (f, i) => (
                  <Form.Item name={[f.name, 'count']} style={cell} rules={required('请填写名额')}>
                    <InputNumber min={1} max={1000} precision={0} aria-label={`奖项${i + 1}名额`} />
                  </Form.Item>
                ),
              },
              {
                key: 'remove',
                title: '',
                width: 48,
                render: (f) => <RemoveButton label="奖项" onClick={() => remove(f.name)} />,
              },
            ]}
          />
          <div>
            <Button
              size="small"
              icon={<PlusOutlined />}
              onClick={() => add({ key: freshKey('a', current), label: '', count: 1 })}
            >
              添加奖项
            </Button>
          </div>
          <ListErrors errors={errors} />
        </Flex>
      )}
    </Form.List>
  );
}
