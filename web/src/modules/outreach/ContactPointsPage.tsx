import { useState } from 'react';
import { App, Button, Flex, Space, Tag, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router';
import {
  exportContactPoints,
  listContactPoints,
  type ContactPoint,
  type KindCount,
} from '../../../../common/contracts/outreach';
import { call, download } from '../../api/client';
import { useCan } from '../../app/session';
import { ListPage, type ListParams } from '../../components/ListPage';
import { ContactPointDialog } from './ContactPointDialog';
import { KindCounts } from './KindCounts';
import { CONTACT_POINT_FIELDS, RELATION_COLORS, toContactPointQuery } from './outreachFilters';

const LIST_KEY = 'contact-points';

const COLUMNS = [
  {
    key: 'name',
    title: '联系点名称',
    sorter: true,
    render: (_: unknown, p: ContactPoint) => <Link to={`/outreach/contact-points/${p.id}`}>{p.name}</Link>,
  },
  { key: 'kind', title: '类型', width: 130, render: (_: unknown, p: ContactPoint) => p.kind },
  {
    key: 'relation',
    title: '联系方式',
    width: 90,
    render: (_: unknown, p: ContactPoint) => <Tag color={RELATION_COLORS[p.relation]}>{p.relation}</Tag>,
  },
  { key: 'unit', title: '登记单位', render: (_: unknown, p: ContactPoint) => p.unit.name },
  {
    key: 'contact',
    title: '联系人',
    render: (_: unknown, p: ContactPoint) =>
      p.contactName || p.contactPhone ? [p.contactName, p.contactPhone].filter(Boolean).join(' ') : '—',
  },
  {
    key: 'since',
    title: '建立联系',
    sorter: true,
    width: 110,
    render: (_: unknown, p: ContactPoint) => p.since ?? '—',
  },
  {
    key: 'youthEstimate',
    title: '青年人数（估）',
    sorter: true,
    align: 'right' as const,
    render: (_: unknown, p: ContactPoint) => p.youthEstimate ?? '—',
  },
  {
    key: 'branches',
    title: '团组织',
    align: 'right' as const,
    render: (_: unknown, p: ContactPoint) =>
      p.activeBranches ? `${p.activeBranches} 个 · ${p.members} 人` : '—',
  },
  {
    key: 'active',
    title: '状态',
    width: 100,
    render: (_: unknown, p: ContactPoint) =>
      p.active ? <Tag color="success">在联</Tag> : <Tag>已停止联系</Tag>,
  },
];

/** 联系点: the register, with how many of each kind the unit keeps over the current filter. */
export function ContactPointsPage() {
  const can = useCan();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [search, setSearch] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const [byKind, setByKind] = useState<KindCount[] | null>(null);
  const [exporting, setExporting] = useState(false);
  const write = can('orgs.write');

  const fetchPoints = async ({ page, pageSize, sort, filters }: ListParams) => {
    const res = await call(listContactPoints, {
      query: { ...toContactPointQuery(filters), page, pageSize, sort },
    });
    setByKind(res.byKind);
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
      {byKind && (
        <KindCounts
          counts={byKind}
          totalLabel="联系点合计"
          unit="个"
          selected={search.get('kind') ?? undefined}
          onPick={pick}
          testId="contact-point-kinds"
        />
      )}
      <ListPage<ContactPoint>
        listKey={LIST_KEY}
        title="联系点"
        fields={CONTACT_POINT_FIELDS}
        fetch={fetchPoints}
        columns={COLUMNS}
        rowKey={(p) => p.id}
        syncUrl
        toolbar={({ params }) => (
          <Space size={12}>
            <Typography.Text type="secondary">文创园区、企业、行业协会等新兴青年聚集地</Typography.Text>
            <Button
              icon={<DownloadOutlined />}
              loading={exporting}
              onClick={async () => {
                setExporting(true);
                try {
                  const name = await download(exportContactPoints, {
                    query: { ...toContactPointQuery(params.filters), sort: params.sort },
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
                新增联系点
              </Button>
            )}
          </Space>
        )}
      />
      {creating && (
        <ContactPointDialog
          onClose={() => setCreating(false)}
          onSaved={(id) => {
            setCreating(false);
            navigate(`/outreach/contact-points/${id}`);
          }}
        />
      )}
    </Flex>
  );
}
