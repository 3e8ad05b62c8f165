import { Flex, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import {
  CALL_PHASES,
  ENTRY_STATUSES,
  type CallListItem,
  type EntryListItem,
  type EntryStatus,
} from '../../../../common/contracts/calls';

const time = (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm');

const PHASE_COLORS: Record<keyof typeof CALL_PHASES, string> = {
  draft: 'default',
  upcoming: 'blue',
  open: 'green',
  closed: 'orange',
  finished: 'default',
};

export function CallPhaseTag({ phase }: { phase: keyof typeof CALL_PHASES }) {
  return <Tag color={PHASE_COLORS[phase]}>{CALL_PHASES[phase]}</Tag>;
}

export function Period({ c }: { c: Pick<CallListItem, 'opensAt' | 'closesAt'> }) {
  return (
    <Flex vertical style={{ whiteSpace: 'nowrap' }}>
      <span>起：{time(c.opensAt)}</span>
      <span>止：{time(c.closesAt)}</span>
    </Flex>
  );
}

const STATUS_COLORS: Record<EntryStatus, string> = {
  submitted: 'gold',
  eligible: 'green',
  incomplete: 'orange',
  ineligible: 'red',
  duplicate: 'volcano',
  withdrawn: 'default',
};

export function EntryStatusTag({ status }: { status: EntryStatus }) {
  return <Tag color={STATUS_COLORS[status]}>{ENTRY_STATUSES[status]}</Tag>;
}

const flag = { marginInlineStart: 6, marginInlineEnd: 0 };

/** 含身份信息 / 下级推荐 / 本人已撤回 / under 16: what the organiser must know before judging. */
export function EntryFlags({
  e,
}: {
  e: Pick<EntryListItem, 'identifying' | 'origin' | 'recommendedByUnitName' | 'workWithdrawn' | 'ageBands'>;
}) {
  return (
    <>
      {e.ageBands.includes('child') ? (
        <Tooltip title="有作者不满 14 周岁，由监护人同意后参加">
          <Tag color="red" style={flag}>
            不满14
          </Tag>
        </Tooltip>
      ) : (
        e.ageBands.includes('minor') && (
          <Tooltip title="有作者已满 14 周岁未满 16 周岁">
            <Tag color="orange" style={flag}>
              14–16
            </Tag>
          </Tooltip>
        )
      )}
      {e.identifying && (
        <Tooltip title="作品内容透露了作者身份，不进入匿名评审">
          <Tag color="magenta" style={flag}>
            含身份信息
          </Tag>
        </Tooltip>
      )}
      {e.origin === 'recommended' && (
        <Tooltip title={e.recommendedByUnitName ? `由${e.recommendedByUnitName}推荐` : '由下级推荐'}>
          <Tag color="geekblue" style={flag}>
            下级推荐
          </Tag>
        </Tooltip>
      )}
      {e.workWithdrawn && <Tag style={flag}>本人已撤回</Tag>}
    </>
  );
}

export function Muted({ children }: { children: string }) {
  return <Typography.Text type="secondary">{children}</Typography.Text>;
}
