import { Card, Col, Empty, Flex, Result, Row, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { listMyPairings } from '../../../../common/contracts/mentors-workspace';
import { call } from '../../api/client';
import { useViewer } from '../../app/session';
import { PairingStatusTag, dash } from './mentorsUi';

/** 我的结对: a mentor's landing page — their mentees, one card each. */
export function MyPairingsPage() {
  const me = useViewer();
  const q = useQuery({ queryKey: ['mentor-workspace'], queryFn: () => call(listMyPairings) });
  if (q.data && !q.data.mentor) {
    return (
      <Result
        status="info"
        title="您的账号尚未关联导师信息"
        subTitle="请联系为您开通账号的团组织，在梦想导师名册中关联您的账号。"
      />
    );
  }
  const items = q.data?.items ?? [];
  return (
    <Flex vertical gap={12}>
      <Flex align="baseline" gap={12}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          我的结对
        </Typography.Title>
        <Typography.Text type="secondary">
          {me.displayName}导师，您好。这里是与您结对的培养对象，请在每次指导后及时填写指导记录。
        </Typography.Text>
      </Flex>
      {q.isPending ? (
        <Card loading />
      ) : items.length === 0 ? (
        <Card>
          <Empty description="暂无结对的培养对象" />
        </Card>
      ) : (
        <Row gutter={[12, 12]}>
          {items.map((p) => (
            <Col span={12} key={p.id}>
              <Card
                size="small"
                title={
                  <Space>
                    <Link to={`/my-mentees/${p.id}`} style={{ fontSize: 16 }}>
                      {p.youth.name}
                    </Link>
                    <PairingStatusTag status={p.status} />
                  </Space>
                }
                extra={<Link to={`/my-mentees/${p.id}`}>{p.canLog ? '查看 / 填写记录' : '查看'}</Link>}
              >
                <Flex vertical gap={4}>
                  <span>
                    {[p.youth.category, p.youth.occupation].filter(Boolean).map((t) => (
                      <Tag key={t}>{t}</Tag>
                    ))}
                  </span>
                  <Typography.Text>
                    协议期限：{p.startDate} 至 {p.endDate}
                  </Typography.Text>
                  <Typography.Text>
                    指导记录 {p.logCount} 次，最近一次 {dash(p.lastLogDate)}
                  </Typography.Text>
                  {p.youth.dream && (
                    <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
                      梦想：{p.youth.dream}
                    </Typography.Paragraph>
                  )}
                </Flex>
              </Card>
            </Col>
          ))}
        </Row>
      )}
    </Flex>
  );
}
