import { Breadcrumb, Flex, Tabs } from 'antd';
import { Link } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import type { z } from 'zod';
import { YOUTH_STAGES } from '../../../../common/contracts/youth';
import {
  listStageProposals,
  listTransfers,
  type stageProposal,
} from '../../../../common/contracts/youth-workflow';
import { call } from '../../api/client';
import { useCan } from '../../app/session';
import { ListPage, listQueryKey } from '../../components/ListPage';
import { ReviewButtons } from './ReviewButtons';
import { TransferActions, type Transfer } from './TransferActions';

type Proposal = z.infer<typeof stageProposal>;
const day = (at: string) => dayjs(at).format('YYYY-MM-DD');

function ProposalList() {
  const can = useCan();
  const queryClient = useQueryClient();
  const reload = () => void queryClient.invalidateQueries({ queryKey: listQueryKey('youth-proposals') });
  return (
    <ListPage<Proposal>
      listKey="youth-proposals"
      title="待审核的阶段调整"
      rowKey={(p) => p.id}
      fetch={({ page, pageSize }) =>
        call(listStageProposals, { query: { status: 'pending', page, pageSize } })
      }
      columns={[
        {
          key: 'name',
          title: '姓名',
          render: (_: unknown, p: Proposal) => <Link to={`/youth/${p.youthId}`}>{p.youthName}</Link>,
        },
        { key: 'unit', title: '所在单位', render: (_: unknown, p: Proposal) => p.unit.name },
        {
          key: 'change',
          title: '调整',
          render: (_: unknown, p: Proposal) => `${YOUTH_STAGES[p.fromStage]} → ${YOUTH_STAGES[p.toStage]}`,
        },
        { key: 'reason', title: '理由', dataIndex: 'reason', width: 320 },
        {
          key: 'by',
          title: '申请人',
          render: (_: unknown, p: Proposal) => `${p.proposedBy}（${day(p.proposedAt)}）`,
        },
        ...(can('youth.review')
          ? [
              {
                key: 'actions',
                title: '审核',
                fixed: 'right' as const,
                render: (_: unknown, p: Proposal) => <ReviewButtons proposalId={p.id} onDone={reload} />,
              },
            ]
          : []),
      ]}
    />
  );
}

function TransferList() {
  const queryClient = useQueryClient();
  const reload = () => {
    void queryClient.invalidateQueries({ queryKey: listQueryKey('youth-transfers') });
    void queryClient.invalidateQueries({ queryKey: ['youth-transfers'] });
  };
  return (
    <ListPage<Transfer>
      listKey="youth-transfers"
      title="办理中的转接申请"
      rowKey={(t) => t.id}
      fetch={({ page, pageSize }) => call(listTransfers, { query: { status: 'pending', page, pageSize } })}
      columns={[
        { key: 'name', title: '姓名', dataIndex: 'youthName' },
        { key: 'from', title: '转出单位', render: (_: unknown, t: Transfer) => t.fromUnit.name },
        { key: 'to', title: '接收单位', render: (_: unknown, t: Transfer) => t.toUnit.name },
        {
          key: 'kind',
          title: '方式',
          render: (_: unknown, t: Transfer) => (t.initiatedBy === 'from' ? '转出' : '申请转入'),
        },
        { key: 'reason', title: '原因', dataIndex: 'reason', width: 280 },
        {
          key: 'by',
          title: '申请人',
          render: (_: unknown, t: Transfer) => `${t.requestedBy}（${day(t.requestedAt)}）`,
        },
        {
          key: 'actions',
          title: '办理',
          fixed: 'right' as const,
          render: (_: unknown, t: Transfer) => <TransferActions transfer={t} onDone={reload} />,
        },
      ]}
    />
  );
}

/** 待办: stage proposals awaiting review, and transfers awaiting either side. */
export function TodoPage() {
  return (
    <Flex vertical gap={12}>
      <Breadcrumb items={[{ title: <Link to="/youth">青年库</Link> }, { title: '待办' }]} />
      <Tabs
        items={[
          { key: 'proposals', label: '阶段审核', children: <ProposalList /> },
          { key: 'transfers', label: '转接', children: <TransferList /> },
        ]}
      />
    </Flex>
  );
}
