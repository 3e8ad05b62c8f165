import { useState } from 'react';
import { App, Button, Flex, Space, Tag, Typography } from 'antd';
import { DownloadOutlined, SettingOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import {
  coverageSupervision,
  exportSupervision,
  type SUPERVISION_SORTS,
  type SupervisionRow,
} from '../../../../common/contracts/federation-coverage';
import { call, download } from '../../api/client';
import {
  ListPage,
  numberFilter,
  textFilter,
  type ListParams,
  type QueryField,
} from '../../components/ListPage';
import { DateText, FederationNav } from './federationUi';

type Summary = { unit: string; on: string; units: number; met: number; notMet: number };
type Sort = (typeof SUPERVISION_SORTS)[number] | undefined;

const FIELDS: QueryField[] = [
  { name: 'unitId', label: '督导范围', type: 'unit' },
  { name: 'on', label: '统计日期', type: 'custom', render: () => <DateText placeholder="默认今天" /> },
  {
    name: 'met',
    label: '达标情况',
    type: 'select',
    options: [
      { value: 'true', label: '达标' },
      { value: 'false', label: '未达标' },
    ],
  },
  {
    name: 'level',
    label: '层级',
    type: 'select',
    options: [
      { value: 'city', label: '地级市' },
      { value: 'county', label: '有条件的县' },
    ],
  },
];

function queryOf(filters: ListParams['filters']) {
  return {
    unitId: numberFilter(filters, 'unitId'),
    on: textFilter(filters, 'on'),
    met: textFilter(filters, 'met') as 'true' | 'false' | undefined,
    level: textFilter(filters, 'level') as 'city' | 'county' | undefined,
  };
}

const Count = ({ n, min }: { n: number; min: number }) => (
  <Typography.Text type={n >= min ? 'success' : 'danger'}>
    {n} / {min}
  </Typography.Text>
);

const COLUMNS = [
  {
    key: 'unit',
    title: '单位',
    fixed: 'left' as const,
    sorter: true,
    render: (_: unknown, r: SupervisionRow) => (
      <Space size={4}>
        <Link to={`/federation?unitId=${r.unit.id}&includeDescendants=false`}>{r.unit.name}</Link>
        {r.unit.keyContactCity && <Tag color="red">重点联系城市</Tag>}
      </Space>
    ),
  },
  {
    key: 'parent',
    title: '所属',
    render: (_: unknown, r: SupervisionRow) =>
      r.unit.level === 'city' ? r.unit.provinceName : `${r.unit.provinceName} ${r.unit.parentName ?? ''}`,
  },
  {
    key: 'level',
    title: '层级',
    render: (_: unknown, r: SupervisionRow) => (r.unit.level === 'city' ? '地级市' : '县'),
  },
  {
    key: 'memberGroups',
    title: '会员团体（不含共青团）',
    sorter: true,
    render: (_: unknown, r: SupervisionRow) => <Count n={r.memberGroups} min={r.minMemberGroups} />,
  },
  {
    key: 'leagueSocieties',
    title: '团属新兴领域社团',
    sorter: true,
    render: (_: unknown, r: SupervisionRow) => <Count n={r.leagueSocieties} min={r.minLeagueSocieties} />,
  },
  {
    key: 'met',
    title: '是否达标',
    sorter: true,
    render: (_: unknown, r: SupervisionRow) =>
      r.met ? <Tag color="green">达标</Tag> : <Tag color="red">未达标</Tag>,
  },
  {
    key: 'endDate',
    title: '期限截止',
    render: (_: unknown, r: SupervisionRow) =>
      r.endDate ?? <Typography.Text type="secondary">省级未设置</Typography.Text>,
  },
  {
    key: 'daysLeft',
    title: '剩余天数',
    sorter: true,
    render: (_: unknown, r: SupervisionRow) =>
      r.daysLeft === null ? (
        '—'
      ) : r.daysLeft < 0 ? (
        <Typography.Text type="danger">已逾期 {-r.daysLeft} 天</Typography.Text>
      ) : (
        <Typography.Text type={!r.met && r.daysLeft < 180 ? 'warning' : undefined}>
          {r.daysLeft} 天
        </Typography.Text>
      ),
  },
];

/** 覆盖督导 (seed 003 §四.2): every prefecture city and qualifying county below, against its targets. */
export function SupervisionPage() {
  const { message } = App.useApp();
  const [summary, setSummary] = useState<Summary>();
  const fetchRows = async ({ page, pageSize, sort, filters }: ListParams) => {
    const r = await call(coverageSupervision, {
      query: { page, pageSize, sort: sort as Sort, ...queryOf(filters) },
    });
    setSummary({ unit: r.unit.name, on: r.on, ...r.summary });
    return r;
  };
  return (
    <Flex vertical gap={12}>
      <FederationNav
        extra={
          summary && (
            <Space size={16} data-testid="coverage-summary">
              <Typography.Text type="secondary">
                {summary.unit} · 统计日期 {summary.on}
              </Typography.Text>
              <span>共 {summary.units} 个市、县</span>
              <Typography.Text type="success">达标 {summary.met}</Typography.Text>
              <Typography.Text type="danger">未达标 {summary.notMet}</Typography.Text>
            </Space>
          )
        }
      />
      <ListPage<SupervisionRow>
        listKey="coverage-supervision"
        title="地级市、有条件的县达标情况"
        fields={FIELDS}
        fetch={fetchRows}
        columns={COLUMNS}
        rowKey={(r) => r.unit.id}
        defaultPageSize={50}
        syncUrl
        toolbar={({ params }) => (
          <>
            <Link to="/federation/supervision/targets">
              <Button icon={<SettingOutlined />}>目标设置</Button>
            </Link>
            <Button
              icon={<DownloadOutlined />}
              onClick={() =>
                void download(exportSupervision, {
                  query: { ...queryOf(params.filters), sort: params.sort as Sort },
                })
                  .then((name) => message.success(`已导出：${name}`))
                  .catch((e: unknown) => message.error(e instanceof Error ? e.message : '导出失败'))
              }
            >
              导出指标表
            </Button>
          </>
        )}
      />
    </Flex>
  );
}
