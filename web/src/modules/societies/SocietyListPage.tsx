import { useMemo, useState } from 'react';
import { App, Button, Flex, Space, Tag, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import {
  ACTIVITY_LEVELS,
  SOCIETY_KINDS,
  exportSocieties,
  listSocieties,
  type SocietyFilter,
  type SocietyListItem,
} from '../../../../common/contracts/societies';
import { call, download } from '../../api/client';
import { useCan } from '../../app/session';
import {
  ListPage,
  boolFilter,
  numberFilter,
  textFilter,
  type Filters,
  type ListParams,
  type QueryField,
} from '../../components/ListPage';
import { idOptions, useDictionary } from '../youth/useDictionary';
import { SocietyDialog } from './SocietyDialog';
import { ActivityTag, KindTag, dash } from './societiesUi';

const YES_NO = [
  { label: '是', value: 'true' },
  { label: '否', value: 'false' },
];

function fieldsOf(emergingFields: { label: string; value: number }[]): QueryField[] {
  return [
    { name: 'q', label: '关键词', type: 'input', placeholder: '名称、拼音、信用代码或负责人' },
    {
      name: 'kind',
      label: '社团类型',
      type: 'select',
      options: Object.entries(SOCIETY_KINDS).map(([value, label]) => ({ label, value })),
    },
    { name: 'fieldId', label: '新兴领域', type: 'select', options: emergingFields },
    { name: 'leagueAffiliated', label: '团属', type: 'select', options: YES_NO },
    { name: 'hasLeagueOrg', label: '已建团组织', type: 'select', options: YES_NO },
    {
      name: 'activityLevel',
      label: '活跃程度',
      type: 'select',
      options: Object.entries(ACTIVITY_LEVELS).map(([value, label]) => ({ label, value })),
    },
    { name: 'unitId', label: '所属单位', type: 'unit', descendantsName: 'includeDescendants' },
    {
      name: 'notContactedDays',
      label: '未联系',
      type: 'select',
      options: [30, 60, 90, 180, 365].map((d) => ({ label: `超过 ${d} 天`, value: d })),
    },
  ];
}

/** The list's filters as the contract's query (the export uses the same). */
function toQuery(filters: Filters): Partial<SocietyFilter> {
  const yesNo = (name: string) => textFilter(filters, name) as 'true' | 'false' | undefined;
  return {
    q: textFilter(filters, 'q'),
    kind: textFilter(filters, 'kind') as SocietyFilter['kind'],
    fieldId: numberFilter(filters, 'fieldId'),
    leagueAffiliated: yesNo('leagueAffiliated'),
    hasLeagueOrg: yesNo('hasLeagueOrg'),
    activityLevel: textFilter(filters, 'activityLevel') as SocietyFilter['activityLevel'],
    unitId: numberFilter(filters, 'unitId'),
    includeDescendants: boolFilter(filters, 'includeDescendants') === false ? 'false' : 'true',
    notContactedDays: numberFilter(filters, 'notContactedDays'),
  };
}

const fetchSocieties = ({ page, pageSize, sort, filters }: ListParams) =>
  call(listSocieties, { query: { ...toQuery(filters), page, pageSize, sort } });

const COLUMNS = [
  {
    key: 'name',
    title: '社团名称',
    sorter: true,
    fixed: 'left' as const,
    render: (_: unknown, s: SocietyListItem) => (
      <Space size={4} wrap>
        <Link to={`/societies/${s.id}`}>{s.name}</Link>
        {s.status === 'dissolved' && <Tag>已解散</Tag>}
      </Space>
    ),
  },
  { key: 'kind', title: '类型', render: (_: unknown, s: SocietyListItem) => <KindTag kind={s.kind} /> },
  { key: 'field', title: '新兴领域', render: (_: unknown, s: SocietyListItem) => dash(s.field?.label) },
  {
    key: 'league',
    title: '团属',
    render: (_: unknown, s: SocietyListItem) =>
      s.leagueAffiliated ? (
        <Tag color="red">{s.buildMode === 'joint' ? '联合建' : '独立建'}</Tag>
      ) : (
        <Typography.Text type="secondary">否</Typography.Text>
      ),
  },
  { key: 'leader', title: '负责人', render: (_: unknown, s: SocietyListItem) => dash(s.leader?.name) },
  {
    key: 'memberCount',
    title: '成员数',
    sorter: true,
    align: 'right' as const,
    render: (_: unknown, s: SocietyListItem) => dash(s.memberCount),
  },
  {
    key: 'activity',
    title: '活跃程度',
    render: (_: unknown, s: SocietyListItem) => <ActivityTag level={s.activityLevel} />,
  },
  {
    key: 'hasLeagueOrg',
    title: '团组织',
    render: (_: unknown, s: SocietyListItem) =>
      s.hasLeagueOrg ? (
        <Tag color="green">已建立</Tag>
      ) : (
        <Typography.Text type="secondary">未建立</Typography.Text>
      ),
  },
  {
    key: 'lastContactAt',
    title: '最近联系',
    sorter: true,
    render: (_: unknown, s: SocietyListItem) => (
      <Flex vertical>
        {s.lastContactAt ?? <Typography.Text type="warning">从未联系</Typography.Text>}
        {s.contactUser && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {s.contactUser.name}
          </Typography.Text>
        )}
      </Flex>
    ),
  },
  { key: 'unit', title: '所属单位', render: (_: unknown, s: SocietyListItem) => s.unit.name },
];

/** 青年社团: every society in scope, filtered the way seed 003 asks to know them (底数清晰). */
export function SocietyListPage() {
  const can = useCan();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [adding, setAdding] = useState(false);
  const [exporting, setExporting] = useState(false);
  const emerging = useDictionary('emerging_field');
  const fields = useMemo(() => fieldsOf(idOptions(emerging)), [emerging]);
  return (
    <>
      <ListPage<SocietyListItem>
        listKey="societies"
        title="青年社团"
        fields={fields}
        fetch={fetchSocieties}
        columns={COLUMNS}
        rowKey={(s) => s.id}
        syncUrl
        toolbar={({ params }) => (
          <Space>
            <Button
              icon={<DownloadOutlined />}
              loading={exporting}
              onClick={async () => {
                setExporting(true);
                try {
                  const name = await download(exportSocieties, {
                    query: { ...toQuery(params.filters), sort: params.sort },
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
            {can('orgs.write') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
                登记社团
              </Button>
            )}
          </Space>
        )}
      />
      {adding && (
        <SocietyDialog onSaved={(s) => navigate(`/societies/${s.id}`)} onClose={() => setAdding(false)} />
      )}
    </>
  );
}
