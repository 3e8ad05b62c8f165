import { useState } from 'react';
import {
  App,
  Breadcrumb,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Result,
  Row,
  Space,
  Spin,
  Typography,
} from 'antd';
import { EditOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  createPairingLog,
  downloadAgreement,
  getPairing,
  LOGGABLE_STATUSES,
} from '../../../../common/contracts/mentors-pairings';
import { ApiError, call, download } from '../../api/client';
import { useCan } from '../../app/session';
import { formatSize } from '../youth/AttachmentsTab';
import { LogDialog } from './LogDialog';
import { LogList, PairingHistory } from './LogList';
import { PairingActions } from './PairingActions';
import { PairingStatusTag, dash } from './mentorsUi';

/** One pairing: the agreement, the actions its state allows, guidance logs and the history. */
export function PairingPage() {
  const id = Number(useParams().id);
  const can = useCan();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [logging, setLogging] = useState(false);
  const detail = useQuery({
    queryKey: ['mentor-pairings', id],
    queryFn: () => call(getPairing, { params: { id } }),
    enabled: id > 0,
    meta: { silent: true },
  });
  const reload = () => {
    void queryClient.invalidateQueries({ queryKey: ['mentor-pairings', id] });
    void queryClient.invalidateQueries({ queryKey: ['list'] });
    void queryClient.invalidateQueries({ queryKey: ['mentors'] });
  };
  if (detail.isError || !(id > 0)) {
    const gone = detail.error instanceof ApiError && detail.error.status === 404;
    return (
      <Result
        status={gone ? '404' : 'warning'}
        title={gone || !(id > 0) ? '找不到该结对，或不在您的管辖范围内' : detail.error?.message}
        extra={<Link to="/mentors/pairings">返回结对管理</Link>}
      />
    );
  }
  if (!detail.data) return <Spin style={{ display: 'block', margin: 48 }} />;
  const p = detail.data;
  const write = can('mentors.write');
  const fetchAgreement = () =>
    download(downloadAgreement, { params: { id } }).catch((e: unknown) =>
      message.error(e instanceof Error ? e.message : '下载失败'),
    );
  return (
    <Flex vertical gap={12}>
      <Breadcrumb
        items={[
          { title: <Link to="/mentors">梦想导师</Link> },
          { title: <Link to="/mentors/pairings">结对管理</Link> },
          { title: `${p.mentor.name} — ${p.youth.name}` },
        ]}
      />
      <Card
        size="small"
        title={
          <Space>
            <span style={{ fontSize: 18 }}>
              {p.mentor.name} 结对 {p.youth.name}
            </span>
            <PairingStatusTag status={p.status} />
          </Space>
        }
        extra={write && <PairingActions pairing={p} onChanged={reload} />}
      >
        <Descriptions column={3} size="small">
          <Descriptions.Item label="梦想导师">
            <Link to={`/mentors/${p.mentor.id}`}>{p.mentor.name}</Link>
          </Descriptions.Item>
          <Descriptions.Item label="培养对象">
            {can('youth.read') ? <Link to={`/youth/${p.youth.id}`}>{p.youth.name}</Link> : p.youth.name}
            <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
              {[p.youth.category, p.youth.occupation].filter(Boolean).join(' · ')}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label="所属单位">{p.unit.name}</Descriptions.Item>
          <Descriptions.Item label="协议期限">
            {p.startDate} 至 {p.endDate}
          </Descriptions.Item>
          <Descriptions.Item label="签订日期">{dash(p.signedOn)}</Descriptions.Item>
          <Descriptions.Item label="指导协议">
            {p.agreement ? (
              <Typography.Link onClick={() => void fetchAgreement()}>
                <PaperClipOutlined /> {p.agreement.fileName}（{formatSize(p.agreement.size)}）
              </Typography.Link>
            ) : (
              '未上传'
            )}
          </Descriptions.Item>
          {p.endedOn && <Descriptions.Item label="结束日期">{p.endedOn}</Descriptions.Item>}
          {p.endReason && (
            <Descriptions.Item label="终止原因" span={2}>
              {p.endReason}
            </Descriptions.Item>
          )}
          <Descriptions.Item label="指导目标" span={3}>
            {dash(p.goals)}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Row gutter={12}>
        <Col span={16}>
          <Card
            size="small"
            title={`指导记录（${p.logs.length}）`}
            extra={
              write &&
              LOGGABLE_STATUSES.includes(p.status) && (
                <Button type="primary" icon={<EditOutlined />} onClick={() => setLogging(true)}>
                  填写指导记录
                </Button>
              )
            }
          >
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
            call(createPairingLog, { params: { id }, body }).then(() => {
              message.success('已保存指导记录');
              reload();
            })
          }
          onClose={() => setLogging(false)}
        />
      )}
    </Flex>
  );
}
