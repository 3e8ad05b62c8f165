import { Tag, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { SIGNUP_STATUSES, type SignupListItem, type SignupStatus } from '../../../../common/contracts/signup';

const STATUS_COLORS: Record<SignupStatus, string> = {
  pending: 'gold',
  accepted: 'green',
  merged: 'cyan',
  declined: 'red',
  withdrawn: 'default',
};

export function SignupStatusTag({ status }: { status: SignupStatus }) {
  return <Tag color={STATUS_COLORS[status]}>{SIGNUP_STATUSES[status]}</Tag>;
}

/** 14–16 is marked for the cadre; under 14 came with a guardian's consent (PIPL Art. 31). */
export function SignupAge({ s }: { s: Pick<SignupListItem, 'age' | 'ageBand'> }) {
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      {s.age ?? '—'}
      {s.ageBand === 'minor' && (
        <Tooltip title="已满 14 周岁未满 16 周岁">
          <Tag color="orange" style={{ marginInlineStart: 6 }}>
            14–16
          </Tag>
        </Tooltip>
      )}
      {s.ageBand === 'child' && (
        <Tooltip title="不满 14 周岁，由监护人同意后报名">
          <Tag color="red" style={{ marginInlineStart: 6 }}>
            不满14
          </Tag>
        </Tooltip>
      )}
    </span>
  );
}

export function SignupFlags({ s }: { s: Pick<SignupListItem, 'duplicate' | 'selfEditedAt'> }) {
  return (
    <>
      {s.duplicate && (
        <Tooltip title="身份证号或手机号与青年库中已有记录相同">
          <Tag color="volcano" style={{ marginInlineStart: 6, marginInlineEnd: 0 }}>
            重复
          </Tag>
        </Tooltip>
      )}
      {s.selfEditedAt && (
        <Tooltip title={`本人于 ${dayjs(s.selfEditedAt).format('YYYY-MM-DD HH:mm')} 修改过报名信息`}>
          <Tag color="purple" style={{ marginInlineStart: 6, marginInlineEnd: 0 }}>
            本人修改过
          </Tag>
        </Tooltip>
      )}
    </>
  );
}
