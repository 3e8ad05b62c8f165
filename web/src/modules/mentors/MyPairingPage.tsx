import { useState } from 'react';
import { App, Breadcrumb, Button, Card, Col, Descriptions, Flex, Result, Row, Space, Spin } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createMyLog, getMyPairing } from '../../../../common/contracts/mentors-workspace';
import { ApiError, call } from '../../api/client';
import { LogDialog } from './LogDialog';
import { LogList, PairingHistory } from './LogList';
import { PairingStatusTag, dash } from './mentorsUi';

/** One of the mentor's own pairings: the mentee, the agreement period, logs; 填写指导记录. */
export function MyPairingPage() {
  const id = Number(useParams().id);
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [logging, setLogging] = useState(false);
  const q = useQuery({
    queryKey: ['mentor-workspace', id],
    queryFn: () => call(getMyPairing, { params: { id } }),
    enabled: id > 0,
    meta: { silent: true },
  });
  if (q.isError || !(id > 0)) {
    const gone = q.error instanceof ApiError && q.error.status === 404;
    return (
      <Result
        status={gone ? '404' : 'warning'}
        title={gone || !(id > 0) ? '找不到该结对' : q.error?.message}
        extra={<Link to="/my-mentees">返回我的结对</Link>}
      />
    );
  }
  if (!q.data) return <Spin style={{ display: 'block', margin: 48 }} />;
  const p = q.data;
  return (
    <Flex vertical gap={12}>
      <Breadcrumb items={[{ title: <Link to="/my-mentees">我的结对</Link> }, { title: p.youth.name }]} />
      <Card
        size="small"
        title={
          <Space>
            <span style={{ fontSize: 18 }}>{p.youth.name}</span>
            <PairingStatusTag status={p.status} />
          </Space>
        }
        extra={
          p.canLog && (
            <Button type="primary" icon={<EditOutlined />} onClick={() => setLogging(true)}>
              填写指导记录
            </Button>
          )
        }
      >
        <Descriptions column={3} size="small">
          <Descriptions.Item label="性别">{dash(p.youth.gender)}</Descriptions.Item>
          <Descriptions.Item label="群体类别">{dash(p.youth.category)}</Descriptions.Item>
          <Descriptions.Item label="从业领域">{dash(p.youth.occupation)}</Descriptions.Item>
          <Descriptions.Item label="协议期限">
            {p.startDate} 至 {p.endDate}
          </Descriptions.Item>
          <Descriptions.Item label="结对单位">{p.unitName}</Descriptions.Item>
          <Descriptions.Item label="指导记录">{p.logCount} 次</Descriptions.Item>
          <Descriptions.Item label="梦想" span={3}>
            {dash(p.youth.dream)}
          </Descriptions.Item>
          <Descriptions.Item label="指导目标" span={3}>
            {dash(p.goals)}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Row gutter={12}>
        <Col span={16}>
          <Card size="small" title={`指导记录（${p.logs.length}）`}>
            <LogList logs={p.logs} />
          </Card>
        </Col>
        <Col span={8}>
          <Card size="small" title="结对历程">
            <PairingHistory events={p.events} />
          </Card>
        </Col>
      </Row>
      {logging && (
        <LogDialog
          onSubmit={(body) =>
            call(createMyLog, { params: { id }, body }).then(() => {
              message.success('已保存指导记录');
              void queryClient.invalidateQueries({ queryKey: ['mentor-workspace'] });
            })
          }
          onClose={() => setLogging(false)}
        />
      )}
    </Flex>
  );
}
