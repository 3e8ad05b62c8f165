import { Breadcrumb, Card, Flex, Result, Spin, Tabs, Typography } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  collectionCompleteness,
  getCollection,
  type CollectionDetail,
} from '../../../../common/contracts/reports';
import { ApiError, call } from '../../api/client';
import { useViewer } from '../../app/session';
import { CollectionHeader } from './CollectionHeader';
import { CollectionSubmissions } from './CollectionSubmissions';
import { CompletenessDrill } from './CompletenessDrill';
import { SummaryFigures } from './SummaryFigures';

export const collectionKey = (id: number) => ['reports', 'collection', id] as const;

function Collection({ c }: { c: CollectionDetail }) {
  const me = useViewer();
  const queryClient = useQueryClient();
  const [search, setSearch] = useSearchParams();
  const unitId = Number(search.get('unit')) || undefined;
  const tab = search.get('tab') === 'submissions' ? 'submissions' : 'completeness';
  const drill = useQuery({
    queryKey: [...collectionKey(c.id), 'completeness', unitId ?? null],
    queryFn: () => call(collectionCompleteness, { params: { id: c.id }, query: { unitId } }),
    placeholderData: keepPreviousData,
  });
  const go = (next: { unit?: number; tab?: string }) => {
    const params = new URLSearchParams();
    if (next.unit) params.set('unit', String(next.unit));
    if (next.tab && next.tab !== 'completeness') params.set('tab', next.tab);
    setSearch(params);
  };
  // The drill-down looks at one unit; the list of reports filters on its own, over the whole scope.
  const shown = tab === 'completeness' ? drill.data : undefined;
  return (
    <Flex vertical gap={12}>
      <Breadcrumb items={[{ title: <Link to="/reports/collections">报送任务</Link> }, { title: c.title }]} />
      <CollectionHeader
        c={c}
        unitId={shown ? unitId : undefined}
        onChanged={(next) => {
          queryClient.setQueryData(collectionKey(c.id), next);
          void queryClient.invalidateQueries({ queryKey: collectionKey(c.id) });
          void queryClient.invalidateQueries({ queryKey: ['list'] });
        }}
      />
      <SummaryFigures
        summary={shown?.summary ?? c.summary}
        title={
          <Flex align="baseline" gap={8}>
            <span>完成情况</span>
            <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
              统计范围：{shown ? `${shown.unit.name}及下级` : `${me.unit.orgName}及下级`}
              {c.status === 'open' ? '，实时统计' : '，任务已结束'}
            </Typography.Text>
          </Flex>
        }
      />
      <Card size="small" styles={{ body: { paddingTop: 0 } }}>
        <Tabs
          activeKey={tab}
          onChange={(key) => go({ unit: unitId, tab: key })}
          items={[
            {
              key: 'completeness',
              label: '逐级完成情况',
              children: (
                <CompletenessDrill
                  data={drill.data}
                  loading={drill.isFetching}
                  onDrill={(unit) => go({ unit, tab: 'completeness' })}
                />
              ),
            },
            {
              key: 'submissions',
              label: '报送明细',
              children: <CollectionSubmissions collectionId={c.id} />,
            },
          ]}
        />
      </Card>
    </Flex>
  );
}

/** 报送任务 page: who must answer, who has, who is late and what they said, drilling level by level. */
export function CollectionPage() {
  const id = Number(useParams().id);
  const detail = useQuery({
    queryKey: collectionKey(id),
    queryFn: () => call(getCollection, { params: { id } }),
    enabled: id > 0,
    meta: { silent: true },
  });
  if (detail.isError || !(id > 0)) {
    const gone = detail.error instanceof ApiError && detail.error.status === 404;
    return (
      <Result
        status={gone ? '404' : 'warning'}
        title={gone || !(id > 0) ? '找不到该报送任务，或不在您的管辖范围内' : detail.error?.message}
        extra={<Link to="/reports/collections">返回报送任务</Link>}
      />
    );
  }
  if (!detail.data) return <Spin style={{ display: 'block', margin: 48 }} />;
  return <Collection c={detail.data} />;
}
