import { useState } from 'react';
import { App, Button, Card, Col, Flex, Row, Statistic, Table, Tag } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { exportMentorTeam, mentorTeam, type MentorListItem } from '../../../../common/contracts/mentors';
import { call, download } from '../../api/client';
import { useViewer } from '../../app/session';
import { UnitPicker } from '../../components/UnitPicker';
import { LoadBar, MentorsNav, PairingStatusTag, dash } from './mentorsUi';
import type { PairingStatus } from '../../../../common/contracts/mentors-pairings';

/** 梦想导师团 of one unit: its own mentors, their load, and the pairings under way; exportable. */
export function TeamPage() {
  const me = useViewer();
  const { message } = App.useApp();
  const [unitId, setUnitId] = useState<number>(me.unit.id);
  const [exporting, setExporting] = useState(false);
  const q = useQuery({
    queryKey: ['mentors', 'team', unitId],
    queryFn: () => call(mentorTeam, { query: { unitId } }),
  });
  const t = q.data;
  const exportXlsx = async () => {
    setExporting(true);
    try {
      message.success(`已导出：${await download(exportMentorTeam, { query: { unitId } })}`);
    } catch (e) {
      message.error(e instanceof Error ? e.message : '导出失败');
    } finally {
      setExporting(false);
    }
  };
  return (
    <Flex vertical gap={12}>
      <MentorsNav
        extra={
          <Flex gap={8} align="center">
            <UnitPicker
              value={unitId}
              valueLabel={unitId === me.unit.id ? me.unit.name : undefined}
              onChange={(v) => setUnitId(v ?? me.unit.id)}
              style={{ width: 220 }}
            />
            <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportXlsx()}>
              导出
            </Button>
          </Flex>
        }
      />
      <Row gutter={12}>
        {[
          { title: '在册导师', value: t?.totals.mentors ?? 0, suffix: '名' },
          { title: '可带教名额', value: t?.totals.capacity ?? 0, suffix: '人' },
          { title: '未结束结对', value: t?.totals.openPairings ?? 0, suffix: '个' },
          { title: '指导中', value: t?.totals.activePairings ?? 0, suffix: '个' },
        ].map((s) => (
          <Col span={6} key={s.title}>
            <Card size="small">
              <Statistic title={s.title} value={s.value} suffix={s.suffix} loading={q.isPending} />
            </Card>
          </Col>
        ))}
      </Row>
      <Card size="small" title={`${t?.unit.name ?? ''}梦想导师团`}>
        <Table<MentorListItem>
          size="small"
          rowKey="id"
          loading={q.isFetching}
          dataSource={t?.mentors}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 名` }}
          locale={{ emptyText: '本单位尚未登记梦想导师' }}
          columns={[
            {
              key: 'name',
              title: '姓名',
              render: (_, m) => (
                <>
                  <Link to={`/mentors/${m.id}`}>{m.name}</Link>
                  {!m.active && <Tag style={{ marginLeft: 6 }}>已停用</Tag>}
                </>
              ),
            },
            { key: 'source', title: '导师来源', render: (_, m) => m.source },
            { key: 'specialty', title: '专业特长', render: (_, m) => m.specialty },
            {
              key: 'employer',
              title: '工作单位及职务',
              render: (_, m) => [m.employer, m.title].filter(Boolean).join(' · ') || '—',
            },
            {
              key: 'load',
              title: '带教负荷',
              render: (_, m) => <LoadBar open={m.openPairings} max={m.maxMentees} />,
            },
            { key: 'active', title: '指导中', render: (_, m) => `${m.activePairings} 人` },
          ]}
        />
      </Card>
      <Card size="small" title={`进行中的结对（${t?.pairings.length ?? 0}）`}>
        <Table
          size="small"
          rowKey="id"
          loading={q.isFetching}
          dataSource={t?.pairings}
          pagination={{ pageSize: 10, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 个` }}
          locale={{ emptyText: '暂无已签约或指导中的结对' }}
          columns={[
            { key: 'mentor', title: '梦想导师', render: (_, p) => p.mentorName },
            {
              key: 'youth',
              title: '培养对象',
              render: (_, p) => <Link to={`/mentors/pairings/${p.id}`}>{p.youthName}</Link>,
            },
            {
              key: 'status',
              title: '状态',
              render: (_, p) => <PairingStatusTag status={p.status as PairingStatus} />,
            },
            { key: 'period', title: '协议期限', render: (_, p) => `${p.startDate} 至 ${p.endDate}` },
            { key: 'last', title: '最近指导', render: (_, p) => dash(p.lastLogDate) },
          ]}
        />
      </Card>
    </Flex>
  );
}
