import { useMemo, useState } from 'react';
import { Button, Flex, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { MENTOR_SOURCES, listMentors, type MentorListItem } from '../../../../common/contracts/mentors';
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
import { MentorDialog } from './MentorDialog';
import { LoadBar, MentorsNav, dash } from './mentorsUi';

const FIELDS: QueryField[] = [
  { name: 'q', label: '关键词', type: 'input', placeholder: '姓名、拼音、专长或工作单位' },
  {
    name: 'source',
    label: '导师来源',
    type: 'select',
    options: MENTOR_SOURCES.map((s) => ({ label: s, value: s })),
  },
  { name: 'unitId', label: '所属单位', type: 'unit', descendantsName: 'includeDescendants' },
  {
    name: 'available',
    label: '带教名额',
    type: 'select',
    options: [{ label: '尚有名额', value: 'true' }],
  },
];

function fetchMentors({ page, pageSize, filters }: ListParams) {
  const include = boolFilter(filters, 'includeDescendants');
  return call(listMentors, {
    query: {
      page,
      pageSize,
      q: textFilter(filters, 'q'),
      source: textFilter(filters, 'source') as (typeof MENTOR_SOURCES)[number] | undefined,
      unitId: numberFilter(filters, 'unitId'),
      includeDescendants: include === false ? 'false' : 'true',
      available: textFilter(filters, 'available') === 'true' ? 'true' : undefined,
    },
  });
}

const COLUMNS = [
  {
    key: 'name',
    title: '姓名',
    fixed: 'left' as const,
    render: (_: unknown, m: MentorListItem) => (
      <Space size={4}>
        <Link to={`/mentors/${m.id}`}>{m.name}</Link>
        {!m.active && <Tag>已停用</Tag>}
      </Space>
    ),
  },
  { key: 'source', title: '导师来源', render: (_: unknown, m: MentorListItem) => m.source },
  { key: 'specialty', title: '专业特长', render: (_: unknown, m: MentorListItem) => m.specialty },
  {
    key: 'employer',
    title: '工作单位及职务',
    render: (_: unknown, m: MentorListItem) => [m.employer, m.title].filter(Boolean).join(' · ') || '—',
  },
  { key: 'phone', title: '手机', render: (_: unknown, m: MentorListItem) => dash(m.phone) },
  {
    key: 'load',
    title: '带教负荷',
    render: (_: unknown, m: MentorListItem) => <LoadBar open={m.openPairings} max={m.maxMentees} />,
  },
  {
    key: 'account',
    title: '导师账号',
    render: (_: unknown, m: MentorListItem) =>
      m.account ? (
        <Tag color="green">{m.account.username}</Tag>
      ) : (
        <Typography.Text type="secondary">未开通</Typography.Text>
      ),
  },
  { key: 'unit', title: '所属单位', render: (_: unknown, m: MentorListItem) => m.unit.name },
];

/** 导师名册: every mentor in scope, with load and account. */
export function MentorListPage() {
  const can = useCan();
  const navigate = useNavigate();
  const [adding, setAdding] = useState(false);
  const write = can('mentors.write');
  const fields = useMemo(() => FIELDS, []);
  return (
    <Flex vertical gap={12}>
      <MentorsNav />
      <ListPage<MentorListItem>
        listKey="mentors"
        title="导师名册"
        fields={fields}
        fetch={fetchMentors}
        columns={COLUMNS}
        rowKey={(m) => m.id}
        syncUrl
        toolbar={() =>
          write && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              登记导师
            </Button>
          )
        }
      />
      {adding && (
        <MentorDialog onSaved={(m) => navigate(`/mentors/${m.id}`)} onClose={() => setAdding(false)} />
      )}
    </Flex>
  );
}
