import { useState } from 'react';
import { Alert, App, Checkbox, Form, Radio, Select } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { UNIT_LEVELS, type UnitLevel } from '../../../../common/access';
import { ISSUE_TARGETS, issuePlan, type IssueTarget } from '../../../../common/contracts/plans';
import type { PlanDetail } from '../../../../common/contracts/plans-tasks';
import { unitSearch } from '../../../../common/contracts/units';
import { call } from '../../api/client';
import { FormModal } from '../../components/FormModal';
import { useDebounced } from '../../components/useDebounced';

type Values = { target: IssueTarget; levels?: UnitLevel[]; unitIds?: number[] };

const BELOW: Record<UnitLevel, UnitLevel[]> = {
  central: ['province', 'city', 'county'],
  province: ['city', 'county'],
  city: ['county'],
  county: [],
};

/** Units strictly below the plan's unit, found by name, 全拼 or 首字母. */
function UnitsBelow({
  plan,
  value,
  onChange,
}: {
  plan: PlanDetail;
  value?: number[];
  onChange?: (v: number[]) => void;
}) {
  const [text, setText] = useState('');
  const q = useDebounced(text.trim());
  const found = useQuery({
    queryKey: ['units', 'below', plan.unit.id, q],
    queryFn: () => call(unitSearch, { query: { q: q || undefined, withinId: plan.unit.id, pageSize: 50 } }),
  });
  return (
    <Select
      mode="multiple"
      value={value}
      onChange={onChange}
      showSearch={{ searchValue: text, onSearch: setText, filterOption: false }}
      placeholder="输入单位名称、拼音或首字母"
      loading={found.isFetching}
      notFoundContent={found.isFetching ? '加载中…' : '没有匹配的下级单位'}
      options={(found.data?.items ?? [])
        .filter((u) => u.id !== plan.unit.id)
        .map((u) => ({ value: u.id, label: [...u.pathNames.slice(-1), u.name].join(' ') }))}
    />
  );
}

/**
 * 下发: the plan as a template to units below — by level, the 重点联系城市, or a hand-picked list. Each gets
 * its own copy; a unit that already has one is skipped.
 */
export function IssueDialog({
  plan,
  onDone,
  onClose,
}: {
  plan: PlanDetail;
  onDone: () => void;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const [target, setTarget] = useState<IssueTarget>('key_cities');
  const levels = BELOW[plan.unit.level];
  const run = useMutation({
    mutationFn: (v: Values) =>
      call(issuePlan, {
        params: { id: plan.id },
        body:
          v.target === 'levels'
            ? {
                target: 'levels',
                levels: (v.levels ?? []).filter((l) => l !== 'central') as ('province' | 'city' | 'county')[],
              }
            : v.target === 'units'
              ? { target: 'units', unitIds: v.unitIds ?? [] }
              : { target: 'key_cities' },
      }),
    onSuccess: (r) => {
      message.success(
        r.skipped
          ? `已下发 ${r.created} 个单位，${r.skipped} 个单位已有此方案未重复下发`
          : `已下发 ${r.created} 个单位`,
      );
      onDone();
      onClose();
    },
  });
  return (
    <FormModal<Values>
      name="plan-issue"
      title="下发给下级单位"
      width={620}
      okText="下发"
      initialValues={{ target: 'key_cities', levels: levels.slice(0, 1) }}
      loading={run.isPending}
      onSubmit={(v) => run.mutate(v)}
      onCancel={onClose}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="每个单位收到一份本方案（任务、推进节点、量化指标），在其方案列表中标为“上级下发”"
        description="牵头、参与部门按名称对应到收到单位的部门；没有同名部门的，保留在责任部门原文中由收到单位指定。已收到的单位不会重复下发。"
      />
      <Form.Item name="target" label="下发对象">
        <Radio.Group
          onChange={(e) => setTarget(e.target.value as IssueTarget)}
          options={Object.entries(ISSUE_TARGETS).map(([value, label]) => ({ value, label }))}
        />
      </Form.Item>
      {target === 'levels' && (
        <Form.Item name="levels" label="层级" rules={[{ required: true, message: '请选择层级' }]}>
          <Checkbox.Group
            options={levels.map((l) => ({
              value: l,
              label: `${plan.unit.name}以下全部${UNIT_LEVELS[l]}单位`,
            }))}
          />
        </Form.Item>
      )}
      {target === 'units' && (
        <Form.Item name="unitIds" label="单位" rules={[{ required: true, message: '请选择单位' }]}>
          <UnitsBelow plan={plan} />
        </Form.Item>
      )}
      {target === 'key_cities' && (
        <p style={{ color: 'rgba(0,0,0,0.55)' }}>下发给{plan.unit.name}以下的全部重点联系城市。</p>
      )}
    </FormModal>
  );
}
