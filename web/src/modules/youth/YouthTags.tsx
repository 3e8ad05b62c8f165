import { Tag, Tooltip, Typography } from 'antd';
import { YOUTH_STAGES, type YouthStage } from '../../../../common/contracts/youth';

export function StageTag({ stage }: { stage: YouthStage }) {
  return <Tag color={stage === 'key' ? 'red' : 'blue'}>{YOUTH_STAGES[stage]}</Tag>;
}

/** 联系紧: more than 90 days without contact shows in red. */
export function ContactAgo({ days }: { days: number | null }) {
  if (days === null) return <Typography.Text type="warning">从未联系</Typography.Text>;
  const text = days === 0 ? '今天' : `${days} 天前`;
  return days > 90 ? <Typography.Text type="danger">{text}</Typography.Text> : text;
}

export function AgeCell({ age, warning }: { age: number | null; warning: boolean }) {
  if (age === null) return '—';
  if (!warning) return age;
  return (
    <Tooltip title="不在 16–35 岁的工作对象范围内">
      <span>
        {age} <Tag color="warning">超出范围</Tag>
      </span>
    </Tooltip>
  );
}
