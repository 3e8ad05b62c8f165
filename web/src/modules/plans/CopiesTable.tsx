import { useState } from 'react';
import { Flex, Input, Table, Typography } from 'antd';
import { Link } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { UNIT_LEVELS } from '../../../../common/access';
import { listPlanCopies, type PlanCopy } from '../../../../common/contracts/plans';
import { call } from '../../api/client';
import { useDebounced } from '../../components/useDebounced';
import { LightSummary } from './plansUi';

/** 下发情况: each unit's copy of the plan, with how far its tasks are. */
export function CopiesTable({ planId }: { planId: number }) {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [text, setText] = useState('');
  const q = useDebounced(text.trim());
  const copies = useQuery({
    queryKey: ['plans', planId, 'copies', page, pageSize, q],
    queryFn: () =>
      call(listPlanCopies, { params: { id: planId }, query: { page, pageSize, q: q || undefined } }),
    placeholderData: keepPreviousData,
  });
  const s = copies.data?.summary;
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        {s && (
          <Flex gap={16} align="center" data-testid="copies-summary">
            <span>已下发 {s.units} 个单位</span>
            <span>任务 {s.tasks} 项</span>
            <Typography.Text type={s.done ? 'success' : undefined}>已完成 {s.done}</Typography.Text>
            <Typography.Text type={s.overdue ? 'danger' : undefined}>超期 {s.overdue}</Typography.Text>
            <LightSummary counts={s} />
          </Flex>
        )}
        <Input.Search
          allowClear
          placeholder="单位名称"
          style={{ width: 220 }}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setPage(1);
          }}
        />
      </Flex>
      <Table<PlanCopy>
        size="small"
        rowKey="planId"
        loading={copies.isFetching}
        dataSource={copies.data?.items}
        pagination={{
          current: page,
          pageSize,
          total: copies.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (n) => `共 ${n} 个单位`,
          onChange: (p, size) => {
            setPage(p);
            setPageSize(size);
          },
        }}
        columns={[
          {
            key: 'unit',
            title: '单位',
            render: (_, c) => <Link to={`/plans/${c.planId}`}>{c.unit.name}</Link>,
          },
          { key: 'level', title: '层级', render: (_, c) => UNIT_LEVELS[c.unit.level] },
          { key: 'issuedAt', title: '下发时间', render: (_, c) => c.issuedAt?.slice(0, 10) ?? '—' },
          { key: 'tasks', title: '任务', align: 'right', render: (_, c) => c.counts.tasks },
          { key: 'done', title: '已完成', align: 'right', render: (_, c) => c.counts.done },
          {
            key: 'overdue',
            title: '超期',
            align: 'right',
            render: (_, c) =>
              c.counts.overdue ? <Typography.Text type="danger">{c.counts.overdue}</Typography.Text> : 0,
          },
          { key: 'lights', title: '红黄绿灯', render: (_, c) => <LightSummary counts={c.counts} /> },
          { key: 'last', title: '最近填报', render: (_, c) => c.lastProgressOn ?? '尚未填报' },
        ]}
      />
    </Flex>
  );
}
