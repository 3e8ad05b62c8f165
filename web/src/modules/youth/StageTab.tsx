import { useState } from 'react';
import { Alert, App, Button, Divider, Flex, Form, Input, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { YOUTH_STAGES, type YouthDetail } from '../../../../common/contracts/youth';
import { proposeStage } from '../../../../common/contracts/youth-workflow';
import { call } from '../../api/client';
import { useCan } from '../../app/session';
import { FormModal } from '../../components/FormModal';
import { ReviewButtons } from './ReviewButtons';
import { TimelineList } from './TimelineList';
import { StageTag } from './YouthTags';

/** 阶段: the current stage, the pending proposal (reviewers decide it here) and the history. */
export function StageTab({ youth, onChanged }: { youth: YouthDetail; onChanged: () => void }) {
  const can = useCan();
  const { message } = App.useApp();
  const [proposing, setProposing] = useState(false);
  const toStage = youth.stage === 'key' ? 'contact' : 'key';
  const propose = useMutation({
    mutationFn: (v: { reason: string }) =>
      call(proposeStage, { params: { id: youth.id }, body: { toStage, reason: v.reason.trim() } }),
    onSuccess: () => {
      message.success('申请已提交，等待审核');
      setProposing(false);
      onChanged();
    },
  });
  const pending = youth.pendingProposal;
  return (
    <>
      <Flex align="center" gap={12} style={{ marginBottom: 16 }}>
        <Typography.Text>当前阶段：</Typography.Text>
        <StageTag stage={youth.stage} />
        {!pending && can('youth.write') && (
          <Button type="primary" onClick={() => setProposing(true)}>
            {toStage === 'key' ? '申请转为重点培养对象' : '申请转回联系对象'}
          </Button>
        )}
      </Flex>
      {pending && (
        <Alert
          type="warning"
          showIcon
          title={`待审核：申请转为${YOUTH_STAGES[pending.toStage]}（${dayjs(pending.proposedAt).format('YYYY-MM-DD')} 提交）`}
          description={`理由：${pending.reason}`}
          action={can('youth.review') && <ReviewButtons proposalId={pending.id} onDone={onChanged} />}
        />
      )}
      <Divider titlePlacement="start" plain>
        阶段调整记录
      </Divider>
      <TimelineList youthId={youth.id} kinds={['stage']} empty="暂无阶段调整记录" />
      {proposing && (
        <FormModal<{ reason: string }>
          name="stage-proposal"
          title={toStage === 'key' ? '申请转为重点培养对象' : '申请转回联系对象'}
          width={480}
          okText="提交申请"
          loading={propose.isPending}
          onSubmit={(v) => propose.mutate(v)}
          onCancel={() => setProposing(false)}
        >
          <Form.Item
            name="reason"
            label="理由"
            extra="如：已参加筑梦培训班，作品获市级奖项，有意愿参与团组织活动。"
            rules={[{ required: true, whitespace: true, min: 4, message: '请填写理由（至少 4 个字）' }]}
          >
            <Input.TextArea rows={4} maxLength={500} showCount autoFocus />
          </Form.Item>
        </FormModal>
      )}
    </>
  );
}
