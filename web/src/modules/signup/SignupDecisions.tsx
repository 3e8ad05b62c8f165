import { useState } from 'react';
import { App, Button, Checkbox, Form, Input, Radio, Space, Tooltip, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  SIGNUP_LOCKABLE_FIELDS,
  acceptSignup,
  declineSignup,
  forwardSignup,
  mergeSignup,
  signupForwardTargets,
  type SignupDetail,
} from '../../../../common/contracts/signup';
import { call } from '../../api/client';
import { FormModal } from '../../components/FormModal';
import { UnitLookup } from '../../components/UnitLookup';

type Kind = 'accept' | 'merge' | 'forward' | 'decline';
type Decided = { signup: SignupDetail; warnings: string[] };
type Values = { verifiedFields?: string[]; youthId?: number; unitId?: number; reason?: string };
type Lockable = keyof typeof SIGNUP_LOCKABLE_FIELDS;

const TITLES: Record<Kind, string> = {
  accept: '通过并登记入青年库',
  merge: '合并到已有记录',
  forward: '转交其他团组织',
  decline: '不通过',
};
const DONE: Record<Kind, string> = {
  accept: '已登记入青年库',
  merge: '已合并到已有记录',
  forward: '已转交',
  decline: '已标记为不通过',
};

/** Fields the sign-up actually carries: only those can be checked as verified. */
function filledFields(s: SignupDetail): Lockable[] {
  const has: Record<Lockable, unknown> = {
    name: s.name,
    gender: s.gender,
    birthDate: s.birthDate,
    idNumber: s.idNumber,
    phone: s.phone,
    placeUnitId: s.placeUnitId,
    categoryId: s.categoryId,
    field: s.field,
    platformOrg: s.platformOrg,
  };
  return (Object.keys(SIGNUP_LOCKABLE_FIELDS) as Lockable[]).filter((k) => Boolean(has[k]));
}

/** 通过入库 / 合并 / 转交 / 不通过 for a pending sign-up; each carries the version read. */
export function SignupDecisions({
  signup: s,
  mergeWith,
  onMergeWith,
  onDecided,
}: {
  signup: SignupDetail;
  /** A record picked in the duplicates list (合并到此记录). */
  mergeWith: number | null;
  onMergeWith: (youthId: number | null) => void;
  onDecided: (r: Decided) => void;
}) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<Kind | null>(null);
  const open = mergeWith !== null ? 'merge' : kind;
  const mergeable = s.duplicates.filter((d) => d.inScope && d.youthId !== null);
  const close = () => {
    setKind(null);
    onMergeWith(null);
  };

  const run = useMutation({
    mutationFn: (v: Values): Promise<Decided> => {
      const params = { id: s.id };
      const version = s.version;
      switch (open) {
        case 'accept':
          return call(acceptSignup, {
            params,
            body: { version, verifiedFields: (v.verifiedFields ?? []) as Lockable[] },
          });
        case 'merge':
          return call(mergeSignup, { params, body: { version, youthId: v.youthId! } });
        case 'forward':
          return call(forwardSignup, {
            params,
            body: { version, unitId: v.unitId!, reason: v.reason!.trim() },
          });
        default:
          return call(declineSignup, { params, body: { version, reason: v.reason!.trim() } });
      }
    },
    onSuccess: (r) => {
      message.success(DONE[open!]);
      for (const w of r.warnings) message.warning(w);
      close();
      onDecided(r);
    },
    // Someone else may have decided it meanwhile: show what it is now.
    onError: () => void queryClient.invalidateQueries({ queryKey: ['signup', s.id] }),
  });

  if (s.status !== 'pending') return null;
  const filled = filledFields(s);
  return (
    <>
      <Space wrap>
        <Button type="primary" onClick={() => setKind('accept')}>
          通过入库
        </Button>
        <Tooltip title={mergeable.length ? undefined : '本单位及下级的青年库中没有与之重复的记录'}>
          <Button disabled={!mergeable.length} onClick={() => setKind('merge')}>
            合并
          </Button>
        </Tooltip>
        <Button onClick={() => setKind('forward')}>转交</Button>
        <Button danger onClick={() => setKind('decline')}>
          不通过
        </Button>
      </Space>
      {open && (
        <FormModal<Values>
          name={`signup-${open}`}
          title={TITLES[open]}
          width={540}
          okText={open === 'decline' ? '不通过' : '确定'}
          loading={run.isPending}
          initialValues={{ youthId: mergeWith ?? mergeable[0]?.youthId ?? undefined, verifiedFields: [] }}
          onSubmit={(v) => run.mutate(v)}
          onCancel={close}
        >
          {open === 'accept' && (
            <>
              <Typography.Paragraph type="secondary">
                登记为联系对象，来源为“线上招募”，同意记录一并转入。勾选已经核实（如电话确认、查验证件）的字段：本人之后不能再修改这些字段。
              </Typography.Paragraph>
              <Form.Item name="verifiedFields" label="已核实的字段">
                <Checkbox.Group
                  options={filled.map((k) => ({ value: k, label: SIGNUP_LOCKABLE_FIELDS[k] }))}
                />
              </Form.Item>
            </>
          )}
          {open === 'merge' && (
            <>
              <Typography.Paragraph type="secondary">
                只补充该记录中为空的字段，已有内容不变；同意记录一并转入。
              </Typography.Paragraph>
              <Form.Item name="youthId" label="合并到" rules={[{ required: true, message: '请选择记录' }]}>
                <Radio.Group
                  options={mergeable.map((d) => ({
                    value: d.youthId!,
                    label: `${d.name ?? '（未知）'}，${d.keepingUnitName}登记（${d.field === 'idNumber' ? '身份证号' : '手机号'}相同）`,
                  }))}
                  style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
                />
              </Form.Item>
            </>
          )}
          {open === 'forward' && (
            <Form.Item
              name="unitId"
              label="转交给"
              extra="全国范围查找，如“东湖区”“donghu”；转交后由对方审核"
              rules={[{ required: true, message: '请选择接收单位' }]}
            >
              <UnitLookup source={signupForwardTargets} />
            </Form.Item>
          )}
          {(open === 'forward' || open === 'decline') && (
            <Form.Item
              name="reason"
              label={open === 'forward' ? '转交原因' : '不通过原因'}
              extra={open === 'decline' ? '本人凭回执码查询时可以看到这个原因' : undefined}
              rules={[
                { required: true, whitespace: true, message: '请填写原因' },
                { min: 2, message: '原因至少 2 个字' },
              ]}
            >
              <Input.TextArea
                rows={3}
                maxLength={200}
                showCount
                placeholder={open === 'forward' ? '如：本人居住在青山湖区' : '如：年龄不符合本次招募要求'}
              />
            </Form.Item>
          )}
        </FormModal>
      )}
    </>
  );
}
