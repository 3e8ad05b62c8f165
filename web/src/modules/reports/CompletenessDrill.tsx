import { Breadcrumb, Flex, Progress, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import type { CompletenessRow, DrillDown } from '../../../../common/contracts/reports';
import { StatusTag, TimelinessTag, pct } from './reportsUi';

type Row = CompletenessRow & { isSelf?: boolean };

const count = (
  key: keyof Row['summary'],
  title: string,
  type?: 'success' | 'warning' | 'danger',
  sortable = false,
) => ({
  key,
  title,
  align: 'right' as const,
  sorter: sortable ? (a: Row, b: Row) => Number(a.summary[key]) - Number(b.summary[key]) : undefined,
  render: (_: unknown, r: Row) => {
    const n = r.summary[key];
    return n ? (
      <Typography.Text type={type}>{n}</Typography.Text>
    ) : (
      <Typography.Text type="secondary">0</Typography.Text>
    );
  },
});

function Rate({ value, color }: { value: number; color: string }) {
  return (
    <Flex align="center" gap={4} style={{ width: 84 }}>
      <Progress
        percent={value * 100}
        showInfo={false}
        size="small"
        strokeColor={color}
        style={{ flex: 1, margin: 0 }}
      />
      <Typography.Text style={{ fontSize: 12, width: 40, textAlign: 'right' }}>{pct(value)}</Typography.Text>
    </Flex>
  );
}

function columns(onDrill: (unitId: number) => void, showOwn: boolean): ColumnsType<Row> {
  return [
    {
      key: 'unit',
      title: '单位',
      fixed: 'left',
      render: (_, r) => (
        <Space size={4}>
          {r.hasBelow && !r.isSelf ? (
            <Typography.Link onClick={() => onDrill(r.unit.id)}>{r.unit.name}</Typography.Link>
          ) : (
            <Typography.Text strong={r.isSelf}>{r.unit.name}</Typography.Text>
          )}
          {r.isSelf && <Tag>本级</Tag>}
          {r.unit.keyContactCity && <Tag color="red">重点联系城市</Tag>}
        </Space>
      ),
    },
    ...(showOwn
      ? ([
          {
            key: 'own',
            title: '本单位报送',
            render: (_, r) =>
              r.own ? (
                <Space size={4}>
                  <Link to={`/reports/submissions/${r.own.submissionId}`}>
                    <StatusTag status={r.own.status} />
                  </Link>
                  <TimelinessTag value={r.own.timeliness} />
                </Space>
              ) : (
                <Typography.Text type="secondary">无须报送</Typography.Text>
              ),
          },
          { key: 'deadline', title: '截止日期', render: (_, r) => r.own?.deadline ?? '—' },
        ] as ColumnsType<Row>)
      : []),
    count('expected', '应报', undefined, true),
    count('submitted', '已报', undefined, true),
    count('onTime', '按时', 'success'),
    count('late', '逾期报送', 'warning'),
    count('missing', '逾期未报', 'danger', true),
    count('awaitingReview', '待审核', 'warning'),
    count('returned', '已退回', 'danger'),
    count('accepted', '已通过', 'success'),
    {
      key: 'completeness',
      title: '完成率',
      sorter: (a, b) => a.summary.completeness - b.summary.completeness,
      render: (_, r) => <Rate value={r.summary.completeness} color="#1d5fa8" />,
    },
    {
      key: 'timeliness',
      title: '及时率',
      sorter: (a, b) => a.summary.timeliness - b.summary.timeliness,
      render: (_, r) => <Rate value={r.summary.timeliness} color="#389e0d" />,
    },
  ];
}

/**
 * Completeness one level at a time: the units below the one looked at, each with its own report and
 * the counts of its whole subtree; a unit's name drills into it, the breadcrumb climbs back.
 */
export function CompletenessDrill({
  data,
  loading,
  onDrill,
}: {
  data: DrillDown | undefined;
  loading: boolean;
  onDrill: (unitId: number | undefined) => void;
}) {
  const rows: Row[] = data ? [...(data.self ? [{ ...data.self, isSelf: true }] : []), ...data.rows] : [];
  const showOwn = rows.some((r) => r.own);
  const path = data?.path ?? [];
  return (
    <Flex vertical gap={8}>
      {path.length > 1 && (
        <Breadcrumb
          items={path.map((u, i) => ({
            key: u.id,
            title:
              i === path.length - 1 ? (
                u.name
              ) : (
                <Typography.Link onClick={() => onDrill(i === 0 ? undefined : u.id)}>
                  {u.name}
                </Typography.Link>
              ),
          }))}
        />
      )}
      <Table<Row>
        size="small"
        rowKey={(r) => `${r.isSelf ? 'self' : 'row'}-${r.unit.id}`}
        dataSource={rows}
        loading={loading}
        columns={columns(onDrill, showOwn)}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: '该单位下没有须报送的单位' }}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 个单位` }}
      />
    </Flex>
  );
}
