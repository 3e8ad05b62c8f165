import { useState } from 'react';
import {
  Alert,
  Breadcrumb,
  Button,
  Card,
  Descriptions,
  Flex,
  Popconfirm,
  Result,
  Space,
  Spin,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  BUILD_MODES,
  SOCIETY_STATUSES,
  getSociety,
  type SocietyDetail,
} from '../../../../common/contracts/societies';
import {
  RECOMMENDATION_OUTCOMES,
  listSocietyBackbones,
  listSocietyContacts,
  listSocietyNominations,
  listSocietyRecommendations,
  removeSocietyBackbone,
  type SocietyBackbone,
  type SocietyRecommendation,
} from '../../../../common/contracts/societies-support';
import { ApiError, call } from '../../api/client';
import { useCan } from '../../app/session';
import { SocietyDialog } from './SocietyDialog';
import {
  BackboneDialog,
  ContactDialog,
  NominationDialog,
  OutcomeDialog,
  RecommendationDialog,
} from './SupportDialogs';
import { ActivityTag, KindTag, dash } from './societiesUi';

type Dialog =
  | { kind: 'edit' | 'contact' | 'backbone' | 'nomination' }
  | { kind: 'recommend'; youthId?: number }
  | { kind: 'outcome'; recommendation: SocietyRecommendation };

const OUTCOME_COLORS = { pending: 'default', accepted: 'green', declined: 'red' } as const;

function Person({ p }: { p: SocietyDetail['leader'] }) {
  if (!p) return <>—</>;
  return p.youthId ? <Link to={`/youth/${p.youthId}`}>{p.name}</Link> : <>{p.name}</>;
}

function Basics({ s }: { s: SocietyDetail }) {
  return (
    <Descriptions column={3} size="small" bordered>
      <Descriptions.Item label="社团类型">
        <KindTag kind={s.kind} />
      </Descriptions.Item>
      <Descriptions.Item label="新兴领域">{dash(s.field?.label)}</Descriptions.Item>
      <Descriptions.Item label="所属单位">{s.unit.name}</Descriptions.Item>
      {s.kind === 'registered' && (
        <>
          <Descriptions.Item label="登记机关">{dash(s.registrationAuthority)}</Descriptions.Item>
          <Descriptions.Item label="统一社会信用代码">{dash(s.creditCode)}</Descriptions.Item>
          <Descriptions.Item label="登记日期">{dash(s.registeredOn)}</Descriptions.Item>
        </>
      )}
      <Descriptions.Item label="业务主管单位">{dash(s.supervisor)}</Descriptions.Item>
      <Descriptions.Item label="团属">
        {s.leagueAffiliated
          ? [s.buildMode ? BUILD_MODES[s.buildMode] : '', s.builtWith.join('、')].filter(Boolean).join('：')
          : '否'}
      </Descriptions.Item>
      <Descriptions.Item label="团组织">{s.hasLeagueOrg ? '已建立' : '未建立'}</Descriptions.Item>
      <Descriptions.Item label="负责人">
        <Person p={s.leader} />
      </Descriptions.Item>
      <Descriptions.Item label="秘书长">
        <Person p={s.secretary} />
      </Descriptions.Item>
      <Descriptions.Item label="成员数">{dash(s.memberCount)}</Descriptions.Item>
      <Descriptions.Item label="活跃程度">
        <ActivityTag level={s.activityLevel} />
      </Descriptions.Item>
      <Descriptions.Item label="联系团干部">{dash(s.contactUser?.name)}</Descriptions.Item>
      <Descriptions.Item label="最近联系">{s.lastContactAt ?? '从未联系'}</Descriptions.Item>
      <Descriptions.Item label="网络账号" span={3}>
        {s.onlineAccounts.length
          ? s.onlineAccounts.map((a) => (
              <Tag key={`${a.platform}-${a.handle}`}>
                {a.platform}：{a.handle}
                {a.followers !== null ? `（粉丝 ${a.followers.toLocaleString('zh-CN')}）` : ''}
              </Tag>
            ))
          : '—'}
      </Descriptions.Item>
      <Descriptions.Item label="备注" span={3}>
        <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{dash(s.remark)}</Typography.Text>
      </Descriptions.Item>
    </Descriptions>
  );
}

/** One society: its register entry and, in tabs, contact and support, backbones and recommendations, seats. */
export function SocietyPage() {
  const id = Number(useParams().id);
  const can = useCan();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [tab, setTab] = useState('basics');
  const enabled = id > 0;
  const detail = useQuery({
    queryKey: ['societies', id, 'detail'],
    queryFn: () => call(getSociety, { params: { id } }),
    enabled,
    meta: { silent: true },
  });
  const contacts = useQuery({
    queryKey: ['societies', id, 'contacts'],
    queryFn: () => call(listSocietyContacts, { params: { id } }),
    enabled: enabled && detail.isSuccess,
  });
  const backbones = useQuery({
    queryKey: ['societies', id, 'backbones'],
    queryFn: () => call(listSocietyBackbones, { params: { id } }),
    enabled: enabled && detail.isSuccess,
  });
  const recommendations = useQuery({
    queryKey: ['societies', id, 'recommendations'],
    queryFn: () => call(listSocietyRecommendations, { params: { id } }),
    enabled: enabled && detail.isSuccess,
  });
  const nominations = useQuery({
    queryKey: ['societies', id, 'nominations'],
    queryFn: () => call(listSocietyNominations, { params: { id } }),
    enabled: enabled && detail.isSuccess,
  });
  const saved = () => {
    setDialog(null);
    void queryClient.invalidateQueries({ queryKey: ['societies', id] });
    void queryClient.invalidateQueries({ queryKey: ['list', 'societies'] });
  };

  if (detail.isError || !enabled) {
    const gone = detail.error instanceof ApiError && detail.error.status === 404;
    return (
      <Result
        status={gone ? '404' : 'warning'}
        title={gone || !enabled ? '找不到该社团，或不在您的管辖范围内' : detail.error?.message}
        extra={<Link to="/societies">返回青年社团</Link>}
      />
    );
  }
  if (!detail.data) return <Spin style={{ display: 'block', margin: 48 }} />;
  const s = detail.data;
  const write = can('orgs.write');
  const backboneRows = backbones.data?.items ?? [];
  const add = (label: string, kind: Dialog['kind'], disabled = false) =>
    write && (
      <Button
        type="primary"
        size="small"
        icon={<PlusOutlined />}
        disabled={disabled}
        onClick={() => setDialog({ kind } as Dialog)}
      >
        {label}
      </Button>
    );

  const items = [
    { key: 'basics', label: '基本情况', children: <Basics s={s} /> },
    {
      key: 'contacts',
      label: `联系与支持（${s.counts.contacts}）`,
      children: (
        <Flex vertical gap={8}>
          <Flex justify="space-between" align="center">
            <Typography.Text type="secondary">
              走访、座谈，以及在注册登记、场地、项目、活动等方面提供的支持；新增记录会更新最近联系日期。
            </Typography.Text>
            {add('新增记录', 'contact')}
          </Flex>
          <Table
            size="small"
            rowKey="id"
            loading={contacts.isFetching}
            dataSource={contacts.data?.items}
            pagination={false}
            locale={{ emptyText: '暂无联系与支持记录' }}
            columns={[
              { key: 'date', title: '日期', width: 110, render: (_, c) => c.date },
              { key: 'kind', title: '方式', width: 100, render: (_, c) => <Tag>{c.kind}</Tag> },
              {
                key: 'summary',
                title: '情况',
                render: (_, c) => <span style={{ whiteSpace: 'pre-wrap' }}>{c.summary}</span>,
              },
              { key: 'by', title: '记录人', width: 140, render: (_, c) => dash(c.createdBy) },
            ]}
          />
        </Flex>
      ),
    },
    {
      key: 'backbones',
      label: `骨干培养（${s.counts.backbones}）`,
      children: (
        <Flex vertical gap={16}>
          <Flex vertical gap={8}>
            <Flex justify="space-between" align="center">
              <Typography.Text strong>骨干</Typography.Text>
              <Space>
                {write && (
                  <Button
                    size="small"
                    disabled={backboneRows.length === 0}
                    onClick={() => setDialog({ kind: 'recommend' })}
                  >
                    举荐骨干
                  </Button>
                )}
                {add('添加骨干', 'backbone')}
              </Space>
            </Flex>
            <Table<SocietyBackbone>
              size="small"
              rowKey="youthId"
              loading={backbones.isFetching}
              dataSource={backboneRows}
              pagination={false}
              locale={{ emptyText: '尚未添加骨干（负责人、秘书长从青年库选择后自动列为骨干）' }}
              columns={[
                {
                  key: 'name',
                  title: '姓名',
                  render: (_, b) => <Link to={`/youth/${b.youthId}`}>{b.name}</Link>,
                },
                { key: 'role', title: '角色', render: (_, b) => <Tag color="red">{b.role}</Tag> },
                { key: 'category', title: '群体类别', render: (_, b) => dash(b.category) },
                {
                  key: 'stage',
                  title: '培养阶段',
                  render: (_, b) => (b.stage === 'key' ? '重点培养对象' : '联系对象'),
                },
                { key: 'training', title: '结业培训', render: (_, b) => `${b.trainingsCompleted} 个` },
                { key: 'recommendations', title: '举荐', render: (_, b) => `${b.recommendations} 次` },
                { key: 'note', title: '说明', render: (_, b) => dash(b.note) },
                {
                  key: 'actions',
                  title: '操作',
                  width: 120,
                  render: (_, b) =>
                    write && (
                      <Space size={4}>
                        <Button
                          type="link"
                          size="small"
                          onClick={() => setDialog({ kind: 'recommend', youthId: b.youthId })}
                        >
                          举荐
                        </Button>
                        {b.recommendations === 0 && (
                          <Popconfirm
                            title={`将「${b.name}」移出骨干？`}
                            onConfirm={async () => {
                              await call(removeSocietyBackbone, { params: { id, youthId: b.youthId } });
                              saved();
                            }}
                          >
                            <Button type="link" size="small" danger>
                              移出
                            </Button>
                          </Popconfirm>
                        )}
                      </Space>
                    ),
                },
              ]}
            />
          </Flex>
          <Flex vertical gap={8}>
            <Typography.Text strong>举荐（挂职、兼职、青联委员、团属青年社会组织）</Typography.Text>
            <Table<SocietyRecommendation>
              size="small"
              rowKey="id"
              loading={recommendations.isFetching}
              dataSource={recommendations.data?.items}
              pagination={false}
              locale={{ emptyText: '暂无举荐记录' }}
              columns={[
                { key: 'name', title: '骨干', render: (_, r) => r.name },
                { key: 'kind', title: '举荐方向', render: (_, r) => r.kind },
                { key: 'on', title: '举荐日期', render: (_, r) => r.recommendedOn },
                {
                  key: 'outcome',
                  title: '结果',
                  render: (_, r) => (
                    <Tag color={OUTCOME_COLORS[r.outcome]}>
                      {RECOMMENDATION_OUTCOMES[r.outcome]}
                      {r.outcomeOn ? ` · ${r.outcomeOn}` : ''}
                    </Tag>
                  ),
                },
                { key: 'note', title: '说明', render: (_, r) => dash(r.note) },
                {
                  key: 'actions',
                  title: '操作',
                  width: 110,
                  render: (_, r) =>
                    write &&
                    r.outcome === 'pending' && (
                      <Button
                        type="link"
                        size="small"
                        onClick={() => setDialog({ kind: 'outcome', recommendation: r })}
                      >
                        登记结果
                      </Button>
                    ),
                },
              ]}
            />
          </Flex>
        </Flex>
      ),
    },
    {
      key: 'nominations',
      label: `青联委员推荐名额（${s.counts.nominationSeats}）`,
      children: (
        <Flex vertical gap={8}>
          {s.kind === 'registered' ? (
            <Alert
              type="info"
              showIcon
              message="已注册社会组织可按程序吸纳为青联会员团体；推荐名额面向暂不具备吸纳条件的青年自组织和青年社群。"
            />
          ) : (
            <Flex justify="space-between" align="center">
              <Typography.Text type="secondary">
                共开放 {nominations.data?.seats ?? 0} 个青联委员推荐名额。
              </Typography.Text>
              {add('开放名额', 'nomination')}
            </Flex>
          )}
          <Table
            size="small"
            rowKey="id"
            loading={nominations.isFetching}
            dataSource={nominations.data?.items}
            pagination={false}
            locale={{ emptyText: '尚未开放推荐名额' }}
            columns={[
              { key: 'on', title: '开放日期', width: 120, render: (_, n) => n.grantedOn },
              { key: 'seats', title: '名额', width: 80, render: (_, n) => `${n.seats} 个` },
              { key: 'unit', title: '开放单位', width: 160, render: (_, n) => n.unit },
              { key: 'note', title: '说明', render: (_, n) => dash(n.note) },
            ]}
          />
        </Flex>
      ),
    },
  ];

  return (
    <Flex vertical gap={12}>
      <Breadcrumb items={[{ title: <Link to="/societies">青年社团</Link> }, { title: s.name }]} />
      <Card
        size="small"
        title={
          <Space wrap>
            <span style={{ fontSize: 18 }}>{s.name}</span>
            <KindTag kind={s.kind} />
            {s.leagueAffiliated && <Tag color="red">团属</Tag>}
            {s.status !== 'active' && <Tag>{SOCIETY_STATUSES[s.status]}</Tag>}
          </Space>
        }
        extra={
          write && (
            <Button icon={<EditOutlined />} onClick={() => setDialog({ kind: 'edit' })}>
              修改
            </Button>
          )
        }
      >
        <Tabs activeKey={tab} onChange={setTab} items={items} />
      </Card>
      {dialog?.kind === 'edit' && (
        <SocietyDialog society={s} onSaved={saved} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'contact' && (
        <ContactDialog societyId={id} onSaved={saved} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'backbone' && (
        <BackboneDialog societyId={id} onSaved={saved} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'recommend' && (
        <RecommendationDialog
          societyId={id}
          backbones={backboneRows}
          youthId={dialog.youthId}
          onSaved={saved}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === 'outcome' && (
        <OutcomeDialog
          societyId={id}
          recommendation={dialog.recommendation}
          onSaved={saved}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === 'nomination' && (
        <NominationDialog societyId={id} onSaved={saved} onClose={() => setDialog(null)} />
      )}
    </Flex>
  );
}
