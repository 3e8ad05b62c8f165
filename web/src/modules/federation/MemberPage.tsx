import dayjs from 'dayjs';
import {
  App,
  Breadcrumb,
  Button,
  Card,
  Descriptions,
  Flex,
  Result,
  Space,
  Spin,
  Timeline,
  Typography,
  Upload,
} from 'antd';
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  DOCUMENT_ACCEPT,
  DOCUMENT_MAX_BYTES,
  EXIT_REASONS,
  MEMBER_ORIGINS,
  STEP_OUTCOMES,
  downloadStepDocument,
  getMember,
  uploadStepDocument,
  type MemberDetail,
  type MemberStep,
} from '../../../../common/contracts/federation';
import { ApiError, call, download, upload } from '../../api/client';
import { useCan } from '../../app/session';
import { formatSize } from '../youth/AttachmentsTab';
import { BasisNote } from './MemberDialog';
import { MemberActions } from './MemberActions';
import { MemberStatusTag, SocietyTags, dash } from './federationUi';

const STEP_COLORS: Record<string, string> = {
  admitted: 'green',
  rejected: 'red',
  exited: 'orange',
  annual_review: 'blue',
};

function StepItem({
  m,
  s,
  write,
  onChanged,
}: {
  m: MemberDetail;
  s: MemberStep;
  write: boolean;
  onChanged: () => void;
}) {
  const { message } = App.useApp();
  const outcome = s.outcome ? (STEP_OUTCOMES[s.outcome] ?? s.outcome) : null;
  return (
    <Flex vertical gap={2}>
      <Space size={8} wrap>
        <Typography.Text strong>{s.label}</Typography.Text>
        <Typography.Text>{s.onDate}</Typography.Text>
        {outcome && (
          <Typography.Text type={s.outcome === 'failed' ? 'danger' : undefined}>{outcome}</Typography.Text>
        )}
      </Space>
      {s.note && <Typography.Text type="secondary">{s.note}</Typography.Text>}
      <Space size={8} wrap>
        {s.document && (
          <Typography.Link
            onClick={() =>
              void download(downloadStepDocument, { params: { id: m.id, stepId: s.id } }).catch(
                (e: unknown) => message.error(e instanceof Error ? e.message : '下载失败'),
              )
            }
          >
            <PaperClipOutlined /> {s.document.fileName}（{formatSize(s.document.size)}）
          </Typography.Link>
        )}
        {write && s.step !== 'league' && (
          <Upload
            accept={DOCUMENT_ACCEPT}
            showUploadList={false}
            beforeUpload={(file) => {
              if (file.size > DOCUMENT_MAX_BYTES) {
                message.error(`“${file.name}”超过 20 MB，无法上传`);
                return Upload.LIST_IGNORE;
              }
              return true;
            }}
            customRequest={({ file, onSuccess, onError }) => {
              upload(uploadStepDocument, { params: { id: m.id, stepId: s.id }, body: {} }, file as File)
                .then((r) => {
                  onSuccess?.(r);
                  message.success(`已上传：${(file as File).name}`);
                  onChanged();
                })
                .catch((e: unknown) => {
                  message.error(e instanceof Error ? e.message : '上传失败');
                  onError?.(e as Error);
                });
            }}
          >
            <Button size="small" type="link" icon={<UploadOutlined />} style={{ padding: 0 }}>
              {s.document ? '重新上传文件' : '上传文件'}
            </Button>
          </Upload>
        )}
      </Space>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {s.by ?? '系统'} 记录于 {dayjs(s.at).format('YYYY-MM-DD HH:mm')}
      </Typography.Text>
    </Flex>
  );
}

/** One member group: where it stands, the procedure's every step with its document, the next actions. */
export function MemberPage() {
  const id = Number(useParams().id);
  const can = useCan();
  const queryClient = useQueryClient();
  const detail = useQuery({
    queryKey: ['federation-members', id],
    queryFn: () => call(getMember, { params: { id } }),
    enabled: id > 0,
    meta: { silent: true },
  });
  const reload = () => {
    void queryClient.invalidateQueries({ queryKey: ['federation-members', id] });
    void queryClient.invalidateQueries({ queryKey: ['list'] });
  };
  if (detail.isError || !(id > 0)) {
    const gone = detail.error instanceof ApiError && detail.error.status === 404;
    return (
      <Result
        status={gone ? '404' : 'warning'}
        title={gone || !(id > 0) ? '找不到该会员团体，或不在您的管辖范围内' : detail.error?.message}
        extra={<Link to="/federation">返回会员团体</Link>}
      />
    );
  }
  if (!detail.data) return <Spin style={{ display: 'block', margin: 48 }} />;
  const m = detail.data;
  const write = can('orgs.write');
  const open = m.status === 'proposed' || m.status === 'qualification' || m.status === 'committee';
  return (
    <Flex vertical gap={12}>
      <Breadcrumb
        items={[
          { title: <Link to="/federation">会员团体</Link> },
          {
            title: (
              <Link to={`/federation?unitId=${m.unit.id}&includeDescendants=false`}>{m.unit.name}青联</Link>
            ),
          },
          { title: m.name },
        ]}
      />
      <Card
        size="small"
        title={
          <Space>
            <span style={{ fontSize: 18 }}>{m.name}</span>
            <MemberStatusTag status={m.status} />
          </Space>
        }
        extra={write && <MemberActions member={m} onChanged={reload} />}
      >
        <Descriptions column={3} size="small">
          <Descriptions.Item label="所在青联">{m.unit.name}青联</Descriptions.Item>
          <Descriptions.Item label="方式">{MEMBER_ORIGINS[m.origin]}</Descriptions.Item>
          <Descriptions.Item label="计入目标">
            {m.isLeague ? '不计入（共青团）' : m.counted ? '计入' : '不计入'}
          </Descriptions.Item>
          <Descriptions.Item label="社团情况" span={2}>
            {m.society ? (
              <Space size={4} wrap>
                {can('orgs.read') ? (
                  <Link to={`/societies/${m.society.id}`}>{m.society.name}</Link>
                ) : (
                  m.society.name
                )}
                <SocietyTags society={m.society} />
                {m.society.registeredOn && (
                  <Typography.Text type="secondary">登记于 {m.society.registeredOn}</Typography.Text>
                )}
              </Space>
            ) : (
              '未在青年社团名录中（申报为已登记团体）'
            )}
          </Descriptions.Item>
          <Descriptions.Item label="吸纳日期">
            {dash(m.admittedOn)}
            {m.beforeRegistration && <Typography.Text type="secondary">（注册前吸纳）</Typography.Text>}
          </Descriptions.Item>
          {m.exitedOn && <Descriptions.Item label="退出日期">{m.exitedOn}</Descriptions.Item>}
          {m.exitReason && (
            <Descriptions.Item label="退出原因">{EXIT_REASONS[m.exitReason]}</Descriptions.Item>
          )}
          {m.exitNote && <Descriptions.Item label="退出说明">{m.exitNote}</Descriptions.Item>}
          {m.lastReview && (
            <Descriptions.Item label="最近评议">
              {m.lastReview.on} {m.lastReview.outcome}
            </Descriptions.Item>
          )}
        </Descriptions>
        {open && m.society && !m.society.basis && (
          <div style={{ marginTop: 12 }}>
            <BasisNote society={m.society} />
          </div>
        )}
      </Card>
      <Card size="small" title={`程序记录（${m.steps.length}）`}>
        <Timeline
          items={m.steps.map((s) => ({
            key: s.id,
            color: STEP_COLORS[s.step] ?? (s.outcome === 'failed' ? 'red' : 'gray'),
            content: <StepItem m={m} s={s} write={write} onChanged={reload} />,
          }))}
        />
      </Card>
    </Flex>
  );
}
