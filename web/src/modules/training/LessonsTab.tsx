import { useState } from 'react';
import {
  App,
  AutoComplete,
  Button,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Space,
  Table,
  Tag,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import {
  createLesson,
  deleteLesson,
  LESSON_KINDS,
  LESSON_TOPICS,
  updateLesson,
  type ClassDetail,
  type Lesson,
} from '../../../../common/contracts/training';
import { call } from '../../api/client';
import { FormModal } from '../../components/FormModal';

type Values = {
  title: string;
  kind: Lesson['kind'];
  topic?: string;
  teacher?: string;
  startsAt: Dayjs;
  hours: number;
  place?: string;
};

function LessonDialog({
  cls,
  lesson,
  onDone,
  onClose,
}: {
  cls: ClassDetail;
  lesson?: Lesson;
  onDone: () => void;
  onClose: () => void;
}) {
  const save = useMutation({
    mutationFn: ({ startsAt, ...v }: Values) => {
      const body = { ...v, topic: v.topic || null, startsAt: startsAt.format() };
      return lesson
        ? call(updateLesson, { params: { id: lesson.id }, body: { ...body, version: lesson.version } })
        : call(createLesson, { params: { id: cls.id }, body });
    },
    onSuccess: onDone,
  });
  const initial: Partial<Values> = lesson
    ? {
        ...lesson,
        topic: lesson.topic ?? undefined,
        teacher: lesson.teacher ?? undefined,
        place: lesson.place ?? undefined,
        startsAt: dayjs(lesson.startsAt),
      }
    : {
        kind: 'professional',
        hours: 3,
        startsAt: dayjs(`${cls.startDate}T09:00`),
        place: cls.place ?? undefined,
      };
  return (
    <FormModal<Values>
      name="training-lesson"
      title={lesson ? '编辑课程' : '新增课程'}
      width={620}
      loading={save.isPending}
      initialValues={initial}
      onSubmit={(v) => save.mutate(v)}
      onCancel={onClose}
      okText="保存"
    >
      <Form.Item
        name="title"
        label="课程名称"
        rules={[{ required: true, whitespace: true, min: 2, message: '请填写课程名称' }]}
      >
        <Input maxLength={100} />
      </Form.Item>
      <Row gutter={16}>
        <Col span={10}>
          <Form.Item name="kind" label="课程类别" rules={[{ required: true }]}>
            <Radio.Group
              optionType="button"
              options={Object.entries(LESSON_KINDS).map(([value, label]) => ({ value, label }))}
            />
          </Form.Item>
        </Col>
        <Col span={14}>
          <Form.Item noStyle shouldUpdate={(a, b) => a.kind !== b.kind}>
            {({ getFieldValue }) => (
              <Form.Item name="topic" label="专题">
                <AutoComplete
                  allowClear
                  placeholder="可选择或填写"
                  options={LESSON_TOPICS[(getFieldValue('kind') as Lesson['kind']) ?? 'professional'].map(
                    (t) => ({
                      value: t,
                    }),
                  )}
                />
              </Form.Item>
            )}
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={10}>
          <Form.Item name="startsAt" label="上课时间" rules={[{ required: true, message: '请选择上课时间' }]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="hours" label="课时" rules={[{ required: true, message: '请填写课时' }]}>
            <InputNumber min={0.5} max={99} step={0.5} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="teacher" label="授课人">
            <Input maxLength={100} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="place" label="地点">
        <Input maxLength={200} />
      </Form.Item>
    </FormModal>
  );
}

/** 课程: 专业类 and 思想类 lessons in time order. */
export function LessonsTab({
  cls,
  writable,
  onChanged,
}: {
  cls: ClassDetail;
  writable: boolean;
  onChanged: () => void;
}) {
  const { modal, message } = App.useApp();
  const [editing, setEditing] = useState<Lesson | 'new' | null>(null);
  const remove = (l: Lesson) =>
    modal.confirm({
      title: `删除课程“${l.title}”？`,
      okButtonProps: { danger: true },
      onOk: async () => {
        await call(deleteLesson, { params: { id: l.id } });
        message.success('已删除');
        onChanged();
      },
    });
  const hours = (kind: Lesson['kind']) =>
    cls.lessons.filter((l) => l.kind === kind).reduce((s, l) => s + l.hours, 0);
  return (
    <>
      <Flex justify="space-between" align="center" style={{ marginBottom: 12 }}>
        <span>
          专业类 {cls.lessons.filter((l) => l.kind === 'professional').length} 节（{hours('professional')}{' '}
          课时），思想类 {cls.lessons.filter((l) => l.kind === 'ideological').length} 节（
          {hours('ideological')} 课时）
        </span>
        {writable && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            新增课程
          </Button>
        )}
      </Flex>
      <Table<Lesson>
        rowKey="id"
        size="middle"
        pagination={false}
        dataSource={cls.lessons}
        locale={{ emptyText: '尚未安排课程' }}
        columns={[
          { key: 'startsAt', title: '时间', render: (_, l) => dayjs(l.startsAt).format('YYYY-MM-DD HH:mm') },
          { key: 'title', title: '课程', dataIndex: 'title' },
          {
            key: 'kind',
            title: '类别',
            render: (_, l) => (
              <Tag color={l.kind === 'professional' ? 'blue' : 'red'}>{LESSON_KINDS[l.kind]}</Tag>
            ),
          },
          { key: 'topic', title: '专题', render: (_, l) => l.topic ?? '—' },
          { key: 'teacher', title: '授课人', render: (_, l) => l.teacher ?? '—' },
          { key: 'hours', title: '课时', dataIndex: 'hours' },
          { key: 'place', title: '地点', render: (_, l) => l.place ?? '—' },
          ...(writable
            ? [
                {
                  key: 'actions',
                  title: '操作',
                  render: (_: unknown, l: Lesson) => (
                    <Space size={0}>
                      <Button type="link" size="small" onClick={() => setEditing(l)}>
                        编辑
                      </Button>
                      {l.markedCount === 0 && (
                        <Button type="link" size="small" danger onClick={() => remove(l)}>
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
        <LessonDialog
          cls={cls}
          lesson={editing === 'new' ? undefined : editing}
          onDone={() => {
            setEditing(null);
            onChanged();
          }}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}
