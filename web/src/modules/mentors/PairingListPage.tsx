import { useState } from 'react';
import { Button, Flex } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import {
  PAIRING_STATUSES,
  listPairings,
  type PairingListItem,
  type PairingStatus,
} from '../../../../common/contracts/mentors-pairings';
import { call } from '../../api/client';
import { useCan } from '../../app/session';
import { ListPage, textFilter, type ListParams, type QueryField } from '../../components/ListPage';
import { PairingDialog } from './PairingDialog';
import { MentorsNav, PairingStatusTag, dash } from './mentorsUi';

const FIELDS: QueryField[] = [
  { name: 'q', label: '姓名', type: 'input', placeholder: '导师或培养对象的姓名、拼音' },
  {
    name: 'status',
    label: '状态',
    type: 'select',
    options: Object.entries(PAIRING_STATUSES).map(([value, label]) => ({ label, value })),
  },
];

function fetchPairings({ page, pageSize, filters }: ListParams) {
  return call(listPairings, {
    query: {
      page,
      pageSize,
      q: textFilter(filters, 'q'),
      status: textFilter(filters, 'status') as PairingStatus | undefined,
    },
  });
}

const COLUMNS = [
  {
    key: 'youth',
    title: '培养对象',
    fixed: 'left' as const,
    render: (_: unknown, p: PairingListItem) => <Link to={`/mentors/pairings/${p.id}`}>{p.youth.name}</Link>,
  },
  { key: 'category', title: '群体类别', render: (_: unknown, p: PairingListItem) => dash(p.youth.category) },
  {
    key: 'mentor',
    title: '梦想导师',
    render: (_: unknown, p: PairingListItem) => <Link to={`/mentors/${p.mentor.id}`}>{p.mentor.name}</Link>,
  },
  {
    key: 'status',
    title: '状态',
    render: (_: unknown, p: PairingListItem) => <PairingStatusTag status={p.status} />,
  },
  {
    key: 'period',
    title: '协议期限',
    render: (_: unknown, p: PairingListItem) => `${p.startDate} 至 ${p.endDate}`,
  },
  {
    key: 'agreement',
    title: '指导协议',
    render: (_: unknown, p: PairingListItem) => (p.hasAgreement ? '已上传' : p.signedOn ? '已签订' : '—'),
  },
  { key: 'logs', title: '指导记录', render: (_: unknown, p: PairingListItem) => `${p.logCount} 次` },
  { key: 'last', title: '最近指导', render: (_: unknown, p: PairingListItem) => dash(p.lastLogDate) },
  { key: 'unit', title: '所属单位', render: (_: unknown, p: PairingListItem) => p.unit.name },
];

/** 结对管理: every pairing in scope, open ones first. */
export function PairingListPage() {
  const can = useCan();
  const navigate = useNavigate();
  const [adding, setAdding] = useState(false);
  return (
    <Flex vertical gap={12}>
      <MentorsNav />
      <ListPage<PairingListItem>
        listKey="mentor-pairings"
        title="结对管理"
        fields={FIELDS}
        fetch={fetchPairings}
        columns={COLUMNS}
        rowKey={(p) => p.id}
        syncUrl
        toolbar={() =>
          can('mentors.write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              新建结对
            </Button>
          )
        }
      />
      {adding && (
        <PairingDialog
          onSaved={(id) => navigate(`/mentors/pairings/${id}`)}
          onClose={() => setAdding(false)}
        />
      )}
    </Flex>
  );
}
