import { Card, Flex, Select, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { reportTimeliness, type ReportForm } from '../../../../common/contracts/reports';
import { call } from '../../api/client';
import { CompletenessDrill } from './CompletenessDrill';
import { SummaryFigures } from './SummaryFigures';
import { formOptions, yearOptions } from './reportsUi';

const FORM_VALUES = formOptions.map((o) => o.value);

/** 报送统计: each unit's completeness and timeliness over every collection of a year, level by level. */
export function TimelinessPage() {
  const [search, setSearch] = useSearchParams();
  const year = Number(search.get('year')) || dayjs().year();
  const formParam = search.get('form');
  const form = formParam && FORM_VALUES.includes(formParam) ? (formParam as ReportForm) : undefined;
  const unitId = Number(search.get('unit')) || undefined;
  const data = useQuery({
    queryKey: ['reports', 'timeliness', year, form ?? null, unitId ?? null],
    queryFn: () => call(reportTimeliness, { query: { year, form, unitId } }),
    placeholderData: keepPreviousData,
  });
  const go = (next: { year?: number; form?: string; unit?: number }) => {
    const params = new URLSearchParams();
    params.set('year', String(next.year ?? year));
    const f = 'form' in next ? next.form : form;
    if (f) params.set('form', f);
    const u = 'unit' in next ? next.unit : unitId;
    if (u) params.set('unit', String(u));
    setSearch(params);
  };
  const d = data.data;
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Flex align="baseline" gap={12}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            报送统计
          </Typography.Title>
          <Typography.Text type="secondary">
            各单位全年报送的完成率和及时率，点击单位名称逐级查看
          </Typography.Text>
        </Flex>
        <Flex gap={8}>
          <Select
            aria-label="年度"
            style={{ width: 110 }}
            value={year}
            options={yearOptions()}
            onChange={(y) => go({ year: y, unit: undefined })}
          />
          <Select
            aria-label="报表"
            style={{ width: 150 }}
            allowClear
            placeholder="全部报表"
            value={form}
            options={formOptions}
            onChange={(f?: string) => go({ form: f })}
          />
        </Flex>
      </Flex>
      {d && (
        <SummaryFigures
          summary={d.summary}
          title={
            <Flex align="baseline" gap={8}>
              <span>{d.unit.name}及下级</span>
              <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
                {year}年共 {d.collections} 个报送任务
                {form ? `（${formOptions.find((o) => o.value === form)?.label}）` : ''}
              </Typography.Text>
            </Flex>
          }
        />
      )}
      <Card size="small">
        <CompletenessDrill data={d} loading={data.isFetching} onDrill={(unit) => go({ unit })} />
      </Card>
    </Flex>
  );
}
