import { useState } from 'react';
import { Card, Flex, Select, Spin } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { listPlans } from '../../../../common/contracts/plans';
import { getDivision } from '../../../../common/contracts/plans-tasks';
import { call } from '../../api/client';
import { useViewer } from '../../app/session';
import { UnitPicker } from '../../components/UnitPicker';
import { DivisionMatrix } from './DivisionMatrix';
import { PlanNav } from './plansUi';

const THIS_YEAR = new Date().getFullYear();
const YEARS = Array.from({ length: 8 }, (_, i) => THIS_YEAR + 1 - i).map((y) => ({
  value: y,
  label: `${y} 年`,
}));

/** 部门分工: a unit's tasks × its departments, for one plan or all of a year's plans. */
export function DepartmentViewPage() {
  const me = useViewer();
  const [unitId, setUnitId] = useState<number>(me.unit.id);
  const [planId, setPlanId] = useState<number>();
  const [year, setYear] = useState<number>();
  const plans = useQuery({
    queryKey: ['plans', 'options', unitId, 'own'],
    queryFn: () => call(listPlans, { query: { unitId, includeDescendants: 'false', pageSize: 200 } }),
  });
  const division = useQuery({
    queryKey: ['plans', 'division', unitId, planId, year],
    queryFn: () => call(getDivision, { query: { unitId, planId, year } }),
    placeholderData: keepPreviousData,
  });
  return (
    <Flex vertical gap={12}>
      <PlanNav />
      <Card size="small">
        <Flex gap={16} wrap align="center">
          <Flex gap={8} align="center">
            <span>单位</span>
            <UnitPicker
              value={unitId}
              valueLabel={unitId === me.unit.id ? me.unit.name : undefined}
              onChange={(v) => {
                setUnitId(v ?? me.unit.id);
                setPlanId(undefined);
              }}
              style={{ width: 220 }}
            />
          </Flex>
          <Flex gap={8} align="center">
            <span>方案</span>
            <Select
              allowClear
              placeholder="全部方案"
              aria-label="方案"
              value={planId}
              onChange={setPlanId}
              style={{ width: 360 }}
              options={(plans.data?.items ?? [])
                .filter((p) => !year || p.year === year)
                .map((p) => ({ value: p.id, label: `${p.year} ${p.title}` }))}
            />
          </Flex>
          <Flex gap={8} align="center">
            <span>年度</span>
            <Select
              allowClear
              placeholder="全部"
              aria-label="年度"
              value={year}
              onChange={setYear}
              style={{ width: 120 }}
              options={YEARS}
            />
          </Flex>
        </Flex>
      </Card>
      {division.data ? (
        <DivisionMatrix division={division.data} planId={planId} />
      ) : (
        <Spin style={{ display: 'block', margin: 48 }} />
      )}
    </Flex>
  );
}
