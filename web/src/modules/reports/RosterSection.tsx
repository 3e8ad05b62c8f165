import { useState } from 'react';
import { App, Button, Card, Flex, Input, Radio, Table, Typography } from 'antd';
import { TeamOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import {
  ROSTER_SOURCES,
  exportRoster,
  generateRoster,
  listRoster,
  type RosterEntry,
  type SubmissionDetail,
} from '../../../../common/contracts/reports-submissions';
import { call, download } from '../../api/client';
import { MaskedExport } from './MaskedExport';
import { ymdhm } from './reportsUi';
import type { SubmissionDraft } from './useSubmissionDraft';

type Source = keyof typeof ROSTER_SOURCES;
const GENDERS: Record<string, string> = { male: '男', female: '女' };
const text = (v: string | null) => v ?? '—';

function RosterTable({ d }: { d: SubmissionDetail }) {
  const [q, setQ] = useState('');
  const [page, setPage] = useState({ page: 1, pageSize: 10 });
  const rows = useQuery({
    queryKey: ['reports', 'roster', d.id, d.rosterAt, q, page],
    queryFn: () => call(listRoster, { params: { id: d.id }, query: { ...page, q: q || undefined } }),
    placeholderData: keepPreviousData,
  });
  return (
    <Flex vertical gap={8}>
      <Input.Search
        allowClear
        placeholder="按姓名查找"
        style={{ width: 240 }}
        onSearch={(v) => {
          setQ(v.trim());
          setPage((p) => ({ ...p, page: 1 }));
        }}
      />
      <Table<RosterEntry>
        size="small"
        rowKey="seq"
        loading={rows.isFetching}
        dataSource={rows.data?.items}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: q ? '没有匹配的人员' : '花名册中没有人员' }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: rows.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50],
          showTotal: (t) => `共 ${t} 人`,
          onChange: (p, s) => setPage({ page: p, pageSize: s }),
        }}
        columns={[
          { key: 'seq', title: '序号', dataIndex: 'seq', width: 60 },
          { key: 'name', title: '姓名', dataIndex: 'name' },
          {
            key: 'gender',
            title: '性别',
            render: (_, r) => (r.gender ? (GENDERS[r.gender] ?? r.gender) : '—'),
          },
          { key: 'birthMonth', title: '出生年月', render: (_, r) => text(r.birthMonth) },
          { key: 'idNumber', title: '身份证号', render: (_, r) => text(r.idNumber) },
          { key: 'phone', title: '手机号', render: (_, r) => text(r.phone) },
          { key: 'keptBy', title: '所在单位', dataIndex: 'keptBy' },
          { key: 'category', title: '群体类别', render: (_, r) => text(r.category) },
          { key: 'occupation', title: '职业', render: (_, r) => text(r.occupation) },
          { key: 'platformOrg', title: '所在平台或单位', render: (_, r) => text(r.platformOrg) },
          {
            key: 'works',
            title: '代表作品及成就',
            width: 240,
            render: (_, r) => (
              <Typography.Text ellipsis={{ tooltip: r.worksAchievements }} style={{ maxWidth: 220 }}>
                {text(r.worksAchievements)}
              </Typography.Text>
            ),
          },
        ]}
      />
    </Flex>
  );
}

/** 花名册: generated from the registry or from the accepted rosters below, shown and exported masked. */
export function RosterSection({ d, draft }: { d: SubmissionDetail; draft: SubmissionDraft }) {
  const { message, modal } = App.useApp();
  const [source, setSource] = useState<Source>(d.rosterSource ?? 'registry');
  const run = useMutation({
    mutationFn: async () => {
      const saved = await draft.persist();
      return call(generateRoster, { params: { id: d.id }, body: { version: saved.version, source } });
    },
    onSuccess: (next) => {
      draft.apply(next);
      message.success(`已生成花名册：共 ${next.rosterCount} 人`);
    },
  });
  const generate = () =>
    d.rosterAt
      ? modal.confirm({
          title: '重新生成花名册？',
          content: '将按所选来源重新生成，替换现有名单。',
          okText: '重新生成',
          onOk: () => run.mutateAsync().catch(() => undefined),
        })
      : run.mutate();
  return (
    <Card
      size="small"
      title="报送花名册"
      extra={
        d.rosterAt && (
          <MaskedExport
            label="导出花名册"
            run={(unmasked, reason) =>
              download(exportRoster, { params: { id: d.id }, body: { unmasked, reason } })
            }
          />
        )
      }
    >
      {d.canEdit && (
        <Flex align="center" gap={12} wrap style={{ marginBottom: 12 }}>
          <Radio.Group
            value={source}
            onChange={(e) => setSource(e.target.value as Source)}
            options={Object.entries(ROSTER_SOURCES).map(([value, label]) => ({ value, label }))}
          />
          <Button type="primary" ghost icon={<TeamOutlined />} loading={run.isPending} onClick={generate}>
            {d.rosterAt ? '重新生成' : '生成花名册'}
          </Button>
        </Flex>
      )}
      {d.rosterAt ? (
        <>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            共 {d.rosterCount} 人 · {d.rosterSource ? ROSTER_SOURCES[d.rosterSource] : ''} · 生成于{' '}
            {ymdhm(d.rosterAt)}。身份证号、手机号已脱敏。
          </Typography.Paragraph>
          <RosterTable d={d} />
        </>
      ) : (
        <Typography.Text type="secondary">
          {d.canEdit ? '尚未生成花名册：请选择来源后点击“生成花名册”。' : '尚未生成花名册。'}
        </Typography.Text>
      )}
    </Card>
  );
}
