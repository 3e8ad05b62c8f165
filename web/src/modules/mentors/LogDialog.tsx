import { DatePicker, Form, Input, Select } from 'antd';
import { useMutation } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { GUIDANCE_WAYS } from '../../../../common/contracts/mentors-pairings';
import { FormModal } from '../../components/FormModal';

type Values = { date: Dayjs; way: string; content: string; nextSteps?: string };
export type LogInput = { date: string; way: string; content: string; nextSteps: string | null };

/** 指导记录: the same form for a cadre entering it and for the mentor themself. */
export function LogDialog({
  onSubmit,
  onClose,
}: {
  onSubmit: (values: LogInput) => Promise<unknown>;
  onClose: () => void;
}) {
  const save = useMutation({ mutationFn: onSubmit, onSuccess: onClose });
  return (
    <FormModal<Values>
      name="mentor-log"
      title="填写指导记录"
      width={560}
      loading={save.isPending}
      initialValues={{ date: dayjs(), way: '面谈' }}
      onCancel={onClose}
      onSubmit={(v) =>
        save.mutate({
          date: v.date.format('YYYY-MM-DD'),
          way: v.way,
          content: v.content.trim(),
          nextSteps: v.nextSteps?.trim() || null,
        })
      }
    >
      <Form.Item name="date" label="指导日期" rules={[{ required: true, message: '请选择指导日期' }]}>
        <DatePicker style={{ width: 200 }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
      </Form.Item>
      <Form.Item name="way" label="指导方式" rules={[{ required: true, message: '请选择指导方式' }]}>
        <Select style={{ width: 200 }} options={GUIDANCE_WAYS.map((w) => ({ label: w, value: w }))} />
      </Form.Item>
      <Form.Item
        name="content"
        label="指导内容"
        rules={[
          { required: true, whitespace: true, message: '请填写指导内容' },
          { min: 2, message: '指导内容至少 2 个字' },
        ]}
      >
        <Input.TextArea rows={4} maxLength={2000} showCount placeholder="本次交流的主要内容、给出的建议" />
      </Form.Item>
      <Form.Item name="nextSteps" label="下一步计划">
        <Input.TextArea
          rows={2}
          maxLength={1000}
          placeholder="培养对象接下来要做的事，如提交修改稿、参加展演"
        />
      </Form.Item>
    </FormModal>
  );
}
