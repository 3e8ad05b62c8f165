import { useState } from 'react';
import { Button, Flex, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import {
  MEMBER_STATUSES,
  listMembers,
  type MemberListItem,
  type MemberStatus,
} from '../../../../common/contracts/federation';
import { call } from '../../api/client';
import { useCan } from '../../app/session';
import {
  ListPage,
  boolFilter,
  numberFilter,
  textFilter,
  type ListParams,
  type QueryField,
} from '../../components/ListPage';
import { MemberDialog } from './MemberDialog';
import { FederationNav, MemberStatusTag, SocietyTags, dash } from './federationUi';

const FIELDS: QueryField[] = [
  { name: 'unitId', label: '青联', type: 'unit', descendantsName: 'includeDescendants' },
  { name: 'q', label: '团体名称', type: 'input', placeholder: '团体名称' },
  {
    name: 'status',
    label: '状态',
    type: 'select',
    options: Object.entries(MEMBER_STATUSES).map(([value, label]) => ({ label, value })),
  },
];

function fetchMembers({ page, pageSize, filters }: ListParams) {
  const includeDescendants = boolFilter(filters, 'includeDescendants');
  return call(listMembers, {
    query: {
      page,
      pageSize,
      unitId: numberFilter(filters, 'unitId'),
      includeDescendants: includeDescendants === false ? 'false' : undefined,
      q: textFilter(filters, 'q'),
      status: textFilter(filters, 'status') as MemberStatus | undefined,
    },
  });
}

const COLUMNS = [
  {
    key: 'name',
    title: '团体名称',
    fixed: 'left' as const,
    render: (_: unknown, m: MemberListItem) =>
      m.isLeague ? (
        <Typography.Text strong>{m.name}</Typography.Text>
      ) : (
        <Link to={`/federation/${m.id}`}>{m.name}</Link>
      ),
  },
  { key: 'unit', title: '所在青联', render: (_: unknown, m: MemberListItem) => `${m.unit.name}青联` },
  {
    key: 'society',
    title: '社团情况',
    render: (_: unknown, m: MemberListItem) =>
      m.isLeague ? (
        <Tag color="red">核心成员</Tag>
      ) : m.society ? (
        <SocietyTags society={m.society} />
      ) : (
        '未在社团名录'
      ),
  },
  {
    key: 'status',
    title: '状态',
    render: (_: unknown, m: MemberListItem) => <MemberStatusTag status={m.status} />,
  },
  { key: 'admittedOn', title: '吸纳日期', render: (_: unknown, m: MemberListItem) => dash(m.admittedOn) },
  {
    key: 'counted',
    title: '计入目标',
    render: (_: unknown, m: MemberListItem) =>
      m.isLeague ? (
        <Tag>不计入</Tag>
      ) : m.counted ? (
        <Tag color="green">计入</Tag>
      ) : (
        <Typography.Text type="secondary">—</Typography.Text>
      ),
  },
  {
    key: 'review',
    title: '最近评议',
    render: (_: unknown, m: MemberListItem) =>
      m.lastReview ? `${m.lastReview.on.slice(0, 4)} 年 ${m.lastReview.outcome}` : '—',
  },
  { key: 'exitedOn', title: '退出日期', render: (_: unknown, m: MemberListItem) => dash(m.exitedOn) },
];

/** 会员团体: every city and county federation's member groups in scope; the League listed, not counted. */
export function MembersPage() {
  const can = useCan();
  const navigate = useNavigate();
  const [adding, setAdding] = useState(false);
  return (
    <Flex vertical gap={12}>
      <FederationNav />
      <ListPage<MemberListItem>
        listKey="federation-members"
        title="会员团体名单"
        fields={FIELDS}
        fetch={fetchMembers}
        columns={COLUMNS}
        rowKey={(m) => m.id}
        syncUrl
        toolbar={() =>
          can('orgs.write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              推荐或申请入会
            </Button>
          )
        }
      />
      {adding && (
        <MemberDialog onSaved={(id) => navigate(`/federation/${id}`)} onClose={() => setAdding(false)} />
      )}
    </Flex>
  );
}
