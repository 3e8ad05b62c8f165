import { useState } from 'react';
import { App, Button, Flex, Space, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router';
import {
  exportBranches,
  listBranches,
  type BranchListItem,
  type BranchTotals,
} from '../../../../common/contracts/outreach-branches';
import { call, download } from '../../api/client';
import { useCan } from '../../app/session';
import { ListPage, type ListParams } from '../../components/ListPage';
import { BranchDialog } from './BranchDialog';
import { BranchStatusTag } from './BranchStatusTag';
import { KindCounts } from './KindCounts';
import { BRANCH_FIELDS, toBranchQuery } from './outreachFilters';

const LIST_KEY = 'league-branches';

const COLUMNS = [
  {
    key: 'name',
    title: '团组织名称',
    sorter: true,
    render: (_: unknown, b: BranchListItem) => <Link to={`/outreach/branches/${b.id}`}>{b.name}</Link>,
  },
  { key: 'kind', title: '类型', width: 110, render: (_: unknown, b: BranchListItem) => b.kind },
  {
    key: 'location',
    title: '所在联系点/社团/依托单位',
    render: (_: unknown, b: BranchListItem) =>
      b.contactPoint ? (
        <Link to={`/outreach/contact-points/${b.contactPoint.id}`}>{b.location}</Link>
      ) : (
        b.location
      ),
  },
  { key: 'unit', title: '所属单位', render: (_: unknown, b: BranchListItem) => b.unit.name },
  {
    key: 'establishedOn',
    title: '成立日期',
    sorter: true,
    width: 110,
    render: (_: unknown, b: BranchListItem) => b.establishedOn,
  },
  { key: 'secretary', title: '书记', render: (_: unknown, b: BranchListItem) => b.secretary ?? '—' },
  {
    key: 'members',
    title: '现有成员',
    sorter: true,
    align: 'right' as const,
    render: (_: unknown, b: BranchListItem) => b.members,
  },
  {
    key: 'status',
    title: '状态',
    render: (_: unknown, b: BranchListItem) => (
      <BranchStatusTag status={b.status} dissolvedOn={b.dissolvedOn} />
    ),
  },
];

/** 团组织: 流动团支部 and the others set up among emerging youth, with their members. */
export function BranchesListPage() {
  const can = useCan();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [search, setSearch] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const [totals, setTotals] = useState<BranchTotals | null>(null);
  const [exporting, setExporting] = useState(false);
  const write = can('orgs.write');

  const fetchBranches = async ({ page, pageSize, sort, filters }: ListParams) => {
    const res = await call(listBranches, { query: { ...toBranchQuery(filters), page, pageSize, sort } });
    setTotals(res.totals);
    return res;
  };
  const pick = (kind: string | undefined) => {
    const next = new URLSearchParams(search);
    if (kind) next.set('kind', kind);
    else next.delete('kind');
    next.delete('page');
    setSearch(next);
  };

  return (
    <Flex vertical gap={12}>
      {totals && (
        <KindCounts
          counts={totals.byKind}
          totalLabel="团组织合计"
          unit="个"
          selected={search.get('kind') ?? undefined}
          onPick={pick}
          testId="branch-kinds"
        />
      )}
      <ListPage<BranchListItem>
        listKey={LIST_KEY}
        title="团组织"
        fields={BRANCH_FIELDS}
        fetch={fetchBranches}
        columns={COLUMNS}
        rowKey={(b) => b.id}
        syncUrl
        toolbar={({ params }) => (
          <Space size={12}>
            {totals && (
              <Typography.Text type="secondary" data-testid="branch-totals">
                现有团组织 {totals.active} 个 · 现有成员 {totals.members} 人
              </Typography.Text>
            )}
            <Button
              icon={<DownloadOutlined />}
              loading={exporting}
              onClick={async () => {
                setExporting(true);
                try {
                  const name = await download(exportBranches, {
                    query: { ...toBranchQuery(params.filters), sort: params.sort },
                  });
                  message.success(`已导出：${name}`);
                } catch (e) {
                  message.error(e instanceof Error ? e.message : '导出失败');
                } finally {
                  setExporting(false);
                }
              }}
            >
              导出
            </Button>
            {write && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                建立团组织
              </Button>
            )}
          </Space>
        )}
      />
      {creating && (
        <BranchDialog
          onClose={() => setCreating(false)}
          onSaved={(id) => {
            setCreating(false);
            navigate(`/outreach/branches/${id}`);
          }}
        />
      )}
    </Flex>
  );
}
