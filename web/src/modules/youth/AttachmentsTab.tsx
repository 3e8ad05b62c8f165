import { useState } from 'react';
import {
  App,
  Button,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import {
  ATTACHMENT_ACCEPT,
  ATTACHMENT_KINDS,
  ATTACHMENT_MAX_BYTES,
  deleteYouthAttachment,
  downloadYouthAttachment,
  listYouthAttachments,
  uploadYouthAttachment,
  type YouthAttachment,
} from '../../../../common/contracts/youth-attachments';
import { ApiError, call, download, upload } from '../../api/client';
import { useCan } from '../../app/session';

type Kind = (typeof ATTACHMENT_KINDS)[number];
type Values = { kind?: Kind; note?: string };

const KIND_COLORS: Record<string, string> = {
  证书: 'gold',
  作品: 'blue',
  协议: 'purple',
  照片: 'green',
  其他: 'default',
};

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * Choose 类别 (and a 备注), then drop or pick files: each is sent at once with that 类别, with its
 * progress in the list below. The server checks the type by content; its refusal shows on the file.
 */
function UploadDialog({
  youthId,
  onUploaded,
  onClose,
}: {
  youthId: number;
  onUploaded: () => void;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  return (
    <Modal
      open
      title="上传附件"
      width={560}
      onCancel={onClose}
      footer={<Button onClick={onClose}>完成</Button>}
      destroyOnHidden
    >
      <Form<Values> form={form} name="attachment" layout="vertical">
        <Flex gap={16}>
          <Form.Item
            name="kind"
            label="类别"
            rules={[{ required: true, message: '请选择类别' }]}
            style={{ width: 160 }}
          >
            <Select placeholder="请选择" options={ATTACHMENT_KINDS.map((k) => ({ label: k, value: k }))} />
          </Form.Item>
          <Form.Item name="note" label="备注" style={{ flex: 1 }}>
            <Input maxLength={200} placeholder="选填，如证书名称、获奖年份" />
          </Form.Item>
        </Flex>
      </Form>
      <Upload.Dragger
        multiple
        disabled={!kind}
        accept={ATTACHMENT_ACCEPT}
        beforeUpload={(file) => {
          if (file.size > ATTACHMENT_MAX_BYTES) {
            message.error(`“${file.name}”超过 20 MB，无法上传`);
            return Upload.LIST_IGNORE;
          }
          return true;
        }}
        customRequest={({ file, onProgress, onSuccess, onError }) => {
          const { kind: k, note } = form.getFieldsValue();
          if (!k) return;
          upload(
            uploadYouthAttachment,
            { params: { id: youthId }, body: { kind: k, note } },
            file as File,
            (f) => onProgress?.({ percent: Math.round(f * 100) }),
          )
            .then((saved) => {
              onSuccess?.(saved);
              message.success(`已上传：${saved.fileName}`);
              onUploaded();
            })
            .catch((e: unknown) => {
              const text = e instanceof Error ? e.message : '上传失败';
              message.error(text);
              onError?.(e instanceof ApiError ? e : new Error(text), text);
            });
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{kind ? '点击或拖动文件到此处上传' : '请先选择类别'}</p>
        <p className="ant-upload-hint">
          支持 PDF、图片（JPG/PNG/GIF/WebP）、Word、Excel、PowerPoint、TXT，单个不超过 20 MB
        </p>
      </Upload.Dragger>
    </Modal>
  );
}

/** 附件: certificates, works, agreements, photos; download for everyone who sees the person. */
export function AttachmentsTab({ youthId }: { youthId: number }) {
  const can = useCan();
  const { message } = App.useApp();
  const write = can('youth.write');
  const [uploading, setUploading] = useState(false);
  const [fetching, setFetching] = useState<number | null>(null);
  const list = useQuery({
    queryKey: ['youth', youthId, 'attachments'],
    queryFn: () => call(listYouthAttachments, { params: { id: youthId } }),
  });
  const remove = useMutation({
    mutationFn: (a: YouthAttachment) =>
      call(deleteYouthAttachment, { params: { id: youthId, attachmentId: a.id } }),
    onSuccess: (_, a) => {
      message.success(`已删除：${a.fileName}`);
      void list.refetch();
    },
  });
  const save = async (a: YouthAttachment) => {
    setFetching(a.id);
    try {
      await download(downloadYouthAttachment, { params: { id: youthId, attachmentId: a.id } });
    } catch (e) {
      message.error(e instanceof Error ? e.message : '下载失败');
    } finally {
      setFetching(null);
    }
  };
  return (
    <>
      {write && (
        <Flex justify="end" style={{ marginBottom: 12 }}>
          <Button type="primary" icon={<UploadOutlined />} onClick={() => setUploading(true)}>
            上传附件
          </Button>
        </Flex>
      )}
      <Table<YouthAttachment>
        size="small"
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items}
        locale={{ emptyText: '暂无附件' }}
        pagination={{ pageSize: 10, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 个` }}
        scroll={{ x: 900 }}
        columns={[
          {
            key: 'kind',
            title: '类别',
            dataIndex: 'kind',
            width: 80,
            render: (k: string) => <Tag color={KIND_COLORS[k] ?? 'default'}>{k}</Tag>,
          },
          {
            key: 'fileName',
            title: '文件名',
            render: (_: unknown, a: YouthAttachment) => (
              <Typography.Link onClick={() => void save(a)} title="下载">
                {a.fileName}
              </Typography.Link>
            ),
          },
          {
            key: 'size',
            title: '大小',
            width: 90,
            align: 'right',
            render: (_: unknown, a: YouthAttachment) => formatSize(a.size),
          },
          {
            key: 'note',
            title: '备注',
            dataIndex: 'note',
            width: 200,
            ellipsis: true,
            render: (n: string | null) => n || '—',
          },
          {
            key: 'uploadedBy',
            title: '上传人',
            width: 160,
            render: (_: unknown, a: YouthAttachment) => (
              <Space orientation="vertical" size={0}>
                <span>{a.uploadedBy ?? '—'}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {a.unit.name}
                </Typography.Text>
              </Space>
            ),
          },
          {
            key: 'createdAt',
            title: '上传时间',
            width: 140,
            render: (_: unknown, a: YouthAttachment) => dayjs(a.createdAt).format('YYYY-MM-DD HH:mm'),
          },
          {
            key: 'actions',
            title: '操作',
            width: write ? 110 : 60,
            fixed: 'right',
            render: (_: unknown, a: YouthAttachment) => (
              <Space size={4}>
                <Button type="link" size="small" loading={fetching === a.id} onClick={() => void save(a)}>
                  下载
                </Button>
                {write && (
                  <Popconfirm
                    title={`确定删除附件“${a.fileName}”吗？`}
                    description="删除后列表中不再显示，操作会记入审计日志。"
                    okText="删除"
                    okButtonProps={{ danger: true }}
                    onConfirm={() => remove.mutateAsync(a).catch(() => undefined)}
                  >
                    <Button type="link" size="small" danger>
                      删除
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      {uploading && (
        <UploadDialog
          youthId={youthId}
          onUploaded={() => void list.refetch()}
          onClose={() => setUploading(false)}
        />
      )}
    </>
  );
}
