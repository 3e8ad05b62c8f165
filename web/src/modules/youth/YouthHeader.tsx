import { useState } from 'react';
import { Card, Descriptions, Flex, Space, Tag, Typography } from 'antd';
import type { YouthDetail } from '../../../../common/contracts/youth';
import { useCan } from '../../app/session';
import { RevealButton, type Revealed } from './RevealButton';
import { ContactAgo, StageTag } from './YouthTags';

/** Name, stage, unit and the masked numbers; the full numbers only after a reason is given. */
export function YouthHeader({ youth }: { youth: YouthDetail }) {
  const can = useCan();
  const [revealed, setRevealed] = useState<Revealed | null>(null);
  const canReveal = can('personal.reveal') && (youth.hasIdNumber || youth.hasPhone) && !revealed;
  return (
    <Card size="small" styles={{ body: { padding: '16px 20px 4px' } }}>
      <Flex align="center" gap={12} wrap style={{ marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {youth.name}
        </Typography.Title>
        <StageTag stage={youth.stage} />
        {youth.pendingProposal && <Tag color="gold">阶段调整待审核</Tag>}
        {youth.pendingTransferId && <Tag color="purple">转接办理中</Tag>}
        {youth.ageWarning && <Tag color="warning">年龄超出 16–35 岁</Tag>}
      </Flex>
      <Descriptions size="small" column={4}>
        <Descriptions.Item label="所在单位">{youth.unit.name}</Descriptions.Item>
        <Descriptions.Item label="身份证号">
          <Typography.Text copyable={Boolean(revealed?.idNumber)}>
            {(revealed ? revealed.idNumber : youth.idNumber) ?? '—'}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="手机">
          <Space size={8}>
            <Typography.Text copyable={Boolean(revealed?.phone)}>
              {(revealed ? revealed.phone : youth.phone) ?? '—'}
            </Typography.Text>
            {canReveal && <RevealButton youthId={youth.id} onRevealed={setRevealed} />}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label="最近联系">
          <ContactAgo days={youth.daysSinceContact} />
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
