import { useState, type ReactNode } from 'react';
import { Alert, Button, Descriptions, Drawer, Flex, Result, Skeleton, Tag, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { GENDERS } from '../../../../common/contracts/youth';
import { getSignup, type SignupDetail } from '../../../../common/contracts/signup';
import { call } from '../../api/client';
import { ConsentList } from '../../components/ConsentList';
import { SignupDecisions } from './SignupDecisions';
import { SignupAge, SignupFlags, SignupStatusTag } from './SignupTags';
import { channelLabel } from '../../components/share/channelLabel';

const or = (v: string | null | undefined) => v || '—';
const time = (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '—');
const FIELD = { idNumber: '身份证号', phone: '手机号' } as const;

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section>
      <Typography.Title level={5} style={{ marginTop: 0, marginBottom: 8 }}>
        {title}
      </Typography.Title>
      {children}
    </section>
  );
}

function Outcome({ s }: { s: SignupDetail }) {
  const who = s.decidedByName ? `${s.decidedByName}，${time(s.decidedAt)}` : time(s.decidedAt);
  const record = s.youthId && <Link to={`/youth/${s.youthId}`}>打开青年记录</Link>;
  switch (s.status) {
    case 'accepted':
      return <Alert type="success" showIcon title={`已登记入青年库（${who}）`} action={record} />;
    case 'merged':
      return <Alert type="success" showIcon title={`已合并到青年库中已有记录（${who}）`} action={record} />;
    case 'declined':
      return (
        <Alert
          type="error"
          showIcon
          title={`未通过（${who}）`}
          description={`原因：${or(s.decisionReason)}`}
        />
      );
    case 'withdrawn':
      return <Alert type="info" showIcon title="本人已撤回同意，报名中的个人信息已删除" />;
    default:
      return s.forwardedFromUnitName ? (
        <Alert
          type="info"
          showIcon
          title={`由${s.forwardedFromUnitName}转来`}
          description={s.decisionReason ? `转交原因：${s.decisionReason}` : undefined}
        />
      ) : null;
  }
}

function Duplicates({ s, onMerge }: { s: SignupDetail; onMerge: (youthId: number) => void }) {
  if (!s.duplicates.length)
    return <Typography.Text type="secondary">青年库中没有相同身份证号或手机号的记录</Typography.Text>;
  return (
    <Flex vertical gap={8}>
      {s.duplicates.map((d, i) =>
        d.inScope && d.youthId ? (
          <Alert
            key={`${d.field}-${i}`}
            type="warning"
            showIcon
            title={
              <span>
                {FIELD[d.field]}相同：<Link to={`/youth/${d.youthId}`}>{d.name}</Link>（{d.keepingUnitName}
                登记）
              </span>
            }
            action={
              s.status === 'pending' && (
                <Button size="small" type="primary" onClick={() => onMerge(d.youthId!)}>
                  合并到此记录
                </Button>
              )
            }
          />
        ) : (
          <Alert
            key={`${d.field}-${i}`}
            type="warning"
            showIcon
            title={`${FIELD[d.field]}相同：已由${d.keepingUnitName}登记`}
            description="该记录不在本单位管辖范围内，可转交对方处理或不予通过。"
          />
        ),
      )}
    </Flex>
  );
}

function Locked({ s, field, children }: { s: SignupDetail; field: string; children: ReactNode }) {
  if (!s.lockedFields.includes(field as SignupDetail['lockedFields'][number])) return children;
  return (
    <span>
      {children}
      <Tag icon={<LockOutlined />} color="blue" style={{ marginInlineStart: 8 }}>
        已核实
      </Tag>
    </span>
  );
}

function Fields({ s }: { s: SignupDetail }) {
  return (
    <Descriptions bordered size="small" column={2} styles={{ label: { width: 110 } }}>
      <Descriptions.Item label="姓名">
        <Locked s={s} field="name">
          {s.name}
        </Locked>
      </Descriptions.Item>
      <Descriptions.Item label="性别">
        <Locked s={s} field="gender">
          {s.gender ? GENDERS[s.gender] : '—'}
        </Locked>
      </Descriptions.Item>
      <Descriptions.Item label="出生日期">
        <Locked s={s} field="birthDate">
          {or(s.birthDate)}
        </Locked>
      </Descriptions.Item>
      <Descriptions.Item label="年龄">
        <SignupAge s={s} />
      </Descriptions.Item>
      <Descriptions.Item label="身份证号">
        <Locked s={s} field="idNumber">
          {or(s.idNumber)}
        </Locked>
      </Descriptions.Item>
      <Descriptions.Item label="手机号">
        <Locked s={s} field="phone">
          {or(s.phone)}
        </Locked>
      </Descriptions.Item>
      <Descriptions.Item label="所在地">
        <Locked s={s} field="placeUnitId">
          {or(s.placeName)}
        </Locked>
      </Descriptions.Item>
      <Descriptions.Item label="群体类别">
        <Locked s={s} field="categoryId">
          {or(s.categoryName)}
        </Locked>
      </Descriptions.Item>
      <Descriptions.Item label="从事领域">
        <Locked s={s} field="field">
          {or(s.field)}
        </Locked>
      </Descriptions.Item>
      <Descriptions.Item label="平台或单位">
        <Locked s={s} field="platformOrg">
          {or(s.platformOrg)}
        </Locked>
      </Descriptions.Item>
      <Descriptions.Item label="作品链接" span={2}>
        {s.worksLinks.length
          ? s.worksLinks.map((w) => (
              <div key={w.url}>
                {w.title ? `${w.title}：` : ''}
                <Typography.Link href={w.url} target="_blank" rel="noopener noreferrer nofollow">
                  {w.url}
                </Typography.Link>
              </div>
            ))
          : '—'}
      </Descriptions.Item>
      <Descriptions.Item label="需求" span={2}>
        {s.needNames.length ? s.needNames.join('、') : '—'}
        {s.needsText && <div style={{ whiteSpace: 'pre-wrap' }}>{s.needsText}</div>}
      </Descriptions.Item>
      <Descriptions.Item label="梦想" span={2}>
        <span style={{ whiteSpace: 'pre-wrap' }}>{or(s.dream)}</span>
      </Descriptions.Item>
      <Descriptions.Item label="招募页面">{s.pageTitle}</Descriptions.Item>
      <Descriptions.Item label="渠道">{channelLabel(s.channel)}</Descriptions.Item>
      <Descriptions.Item label="提交时间">{time(s.createdAt)}</Descriptions.Item>
      <Descriptions.Item label="接收单位">{s.unitName}</Descriptions.Item>
    </Descriptions>
  );
}

/** One sign-up: what the person filled in (masked), the duplicate check, consents, and the decision. */
export function SignupDrawer({
  id,
  onChanged,
  onClose,
}: {
  id: number;
  onChanged: () => void;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const [mergeWith, setMergeWith] = useState<number | null>(null);
  const query = useQuery({ queryKey: ['signup', id], queryFn: () => call(getSignup, { params: { id } }) });
  const s = query.data;
  return (
    <Drawer
      open
      size={820}
      onClose={onClose}
      title={
        s ? (
          <Flex align="center" gap={8}>
            <span>{s.name} 的报名</span>
            <SignupStatusTag status={s.status} />
            <SignupFlags s={s} />
          </Flex>
        ) : (
          '报名详情'
        )
      }
      extra={
        s && (
          <SignupDecisions
            signup={s}
            mergeWith={mergeWith}
            onMergeWith={setMergeWith}
            onDecided={(r) => {
              queryClient.setQueryData(['signup', id], r.signup);
              onChanged();
            }}
          />
        )
      }
    >
      {query.isError && <Result status="warning" title="报名详情加载失败" subTitle={query.error.message} />}
      {!s && !query.isError && <Skeleton active />}
      {s && (
        <Flex vertical gap={20}>
          <Outcome s={s} />
          {s.selfEditedAt && (
            <Alert type="info" showIcon title={`本人于 ${time(s.selfEditedAt)} 修改过报名信息，请复核`} />
          )}
          <Section title="报名信息">
            <Fields s={s} />
          </Section>
          <Section title="查重结果">
            <Duplicates s={s} onMerge={setMergeWith} />
          </Section>
          <Section title="同意记录">
            <ConsentList consents={s.consents} />
          </Section>
        </Flex>
      )}
    </Drawer>
  );
}
