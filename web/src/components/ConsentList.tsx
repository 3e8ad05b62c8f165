import { Descriptions, Flex, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { CONSENT_PURPOSES, type ConsentRecord } from '../../../common/contracts/privacy';
import { channelLabel } from './share/channelLabel';

const time = (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm:ss');

function Consent({ c }: { c: ConsentRecord }) {
  return (
    <Descriptions
      bordered
      size="small"
      column={2}
      styles={{ label: { width: 110 } }}
      title={
        <Flex align="center" gap={8} style={{ fontWeight: 400 }}>
          <Typography.Text strong>{CONSENT_PURPOSES[c.purpose]}</Typography.Text>
          {c.withdrawnAt ? (
            <Tag color="red">
              已于 {time(c.withdrawnAt)} 撤回{c.withdrawnChannel ? `（${c.withdrawnChannel}）` : ''}
            </Tag>
          ) : (
            <Tag color="green">有效</Tag>
          )}
        </Flex>
      }
    >
      <Descriptions.Item label="处理规则">
        <Tooltip title={`内容哈希 SHA-256：${c.noticeHash}`}>
          <span>
            第 {c.noticeVersion} 版{' '}
            <Typography.Text code style={{ fontSize: 12 }}>
              {c.noticeHash.slice(0, 12)}
            </Typography.Text>
          </span>
        </Tooltip>
      </Descriptions.Item>
      <Descriptions.Item label="同意时间">{time(c.givenAt)}</Descriptions.Item>
      <Descriptions.Item label="渠道">{channelLabel(c.channel)}</Descriptions.Item>
      <Descriptions.Item label="页面">
        <Typography.Text code>{c.pagePath}</Typography.Text>
      </Descriptions.Item>
      <Descriptions.Item label="IP（已匿名）">{c.ipAnon}</Descriptions.Item>
      <Descriptions.Item label="监护人">
        {c.guardianName ? `${c.guardianName}${c.guardianRelation ? `（${c.guardianRelation}）` : ''}` : '—'}
      </Descriptions.Item>
      <Descriptions.Item label="浏览器" span={2}>
        <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-all' }}>
          {c.userAgent || '—'}
        </Typography.Text>
      </Descriptions.Item>
    </Descriptions>
  );
}

/** Each consent as it was given: which notice (version and content hash), when, where, from what. */
export function ConsentList({ consents }: { consents: ConsentRecord[] }) {
  if (!consents.length) return <Typography.Text type="secondary">没有同意记录</Typography.Text>;
  return (
    <Flex vertical gap={12}>
      {consents.map((c) => (
        <Consent key={c.id} c={c} />
      ))}
    </Flex>
  );
}
