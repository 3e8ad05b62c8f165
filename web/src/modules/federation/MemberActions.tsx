import { useState } from 'react';
import { App, Button, Form, Input, Radio, Select, Space } from 'antd';
import { useMutation } from '@tanstack/react-query';
import {
  ADMISSION_STEPS,
  EXIT_REASONS,
  REVIEW_OUTCOMES,
  advanceMember,
  exitMember,
  reviewMember,
  type AdmissionStep,
  type MemberDetail,
} from '../../../../common/contracts/federation';
import { todayInChina } from '../../../../common/validators';
import { call } from '../../api/client';
import { FormModal } from '../../components/FormModal';
import { DateText } from './federationUi';

type Dialog = AdmissionStep | 'review' | 'exit' | null;
type Values = { onDate: string; outcome?: string; reason?: keyof typeof EXIT_REASONS; note?: string };

const NEXT: Partial<Record<MemberDetail['status'], AdmissionStep>> = {
  proposed: 'qualification',
  qualification: 'committee',
  committee: 'admitted',
};

/** The buttons a member group's state allows: the next admission step, 年度评议, 调整退出. */
export function MemberActions({ member: m, onChanged }: { member: MemberDetail; onChanged: () => void }) {
  const { message } = App.useApp();
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  const run = useMutation({
    mutationFn: async ({ kind, v }: { kind: Exclude<Dialog, null>; v: Values }) => {
      const base = { version: m.version, onDate: v.onDate, note: v.note || null };
      if (kind === 'review') {
        await call(reviewMember, {
          params: { id: m.id },
          body: { ...base, outcome: v.outcome as (typeof REVIEW_OUTCOMES)[number] },
        });
        return '已记录年度评议';
      }
      if (kind === 'exit') {
        await call(exitMember, { params: { id: m.id }, body: { ...base, reason: v.reason! } });
        return '已调整退出';
      }
      const outcome = kind === 'admitted' ? 'passed' : (v.outcome as 'passed' | 'failed');
      await call(advanceMember, { params: { id: m.id }, body: { ...base, step: kind, outcome } });
      return outcome === 'failed' ? '已记录：未通过' : `已记录${ADMISSION_STEPS[kind].label}`;
    },
    onSuccess: (text) => {
      message.success(text);
      close();
      onChanged();
    },
  });
  if (m.isLeague) return null;
  const next = NEXT[m.status];
  const submit = (v: Values) => dialog && run.mutate({ kind: dialog, v });
  const title =
    dialog === 'review'
      ? '年度评议'
      : dialog === 'exit'
        ? '调整退出'
        : dialog
          ? ADMISSION_STEPS[dialog].label
          : '';
  return (
    <Space wrap>
      {next && (
        <Button type="primary" onClick={() => setDialog(next)}>
          {next === 'admitted' ? '吸纳为会员团体' : `记录${ADMISSION_STEPS[next].label}`}
        </Button>
      )}
      {m.status === 'admitted' && <Button onClick={() => setDialog('review')}>年度评议</Button>}
      {m.status === 'admitted' && (
        <Button danger onClick={() => setDialog('exit')}>
          调整退出
        </Button>
      )}
      {dialog && (
        <FormModal<Values>
          name="federation-step"
          title={title}
          width={520}
          loading={run.isPending}
          initialValues={{
            onDate: todayInChina(),
            outcome: dialog === 'review' ? '合格' : 'passed',
          }}
          onSubmit={submit}
          onCancel={close}
        >
          {dialog === 'exit' && (
            <p style={{ color: 'rgba(0,0,0,0.55)' }}>
              对违反宪法和法律、违反青联章程或发挥作用不明显的会员团体，按程序及时调整退出；自退出之日起不再计入目标。
            </p>
          )}
          <Form.Item
            name="onDate"
            label={dialog === 'admitted' ? '吸纳日期' : '日期'}
            rules={[{ required: true, message: '请选择日期' }]}
          >
            <DateText />
          </Form.Item>
          {(dialog === 'qualification' || dialog === 'committee') && (
            <Form.Item name="outcome" label="结果">
              <Radio.Group
                options={[
                  { value: 'passed', label: '通过' },
                  { value: 'failed', label: '未通过（程序终止）' },
                ]}
              />
            </Form.Item>
          )}
          {dialog === 'review' && (
            <Form.Item name="outcome" label="评议结论">
              <Radio.Group options={REVIEW_OUTCOMES.map((o) => ({ value: o, label: o }))} />
            </Form.Item>
          )}
          {dialog === 'exit' && (
            <Form.Item name="reason" label="退出原因" rules={[{ required: true, message: '请选择退出原因' }]}>
              <Select
                placeholder="请选择"
                options={Object.entries(EXIT_REASONS).map(([value, label]) => ({ value, label }))}
              />
            </Form.Item>
          )}
          <Form.Item name="note" label="说明">
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </FormModal>
      )}
    </Space>
  );
}
