import { useState } from 'react';
import {
  App,
  Button,
  Flex,
  Form,
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
import dayjs from 'dayjs';
import {
  EVENT_FILE_ACCEPT,
  EVENT_FILE_KINDS,
  EVENT_FILE_MAX_BYTES,
  deleteEventFile,
  downloadEventFile,
  uploadEventFile,
  type EventDetail,
  type EventFile,
} from '../../../../common/contracts/events';
import { ApiError, call, download, upload } from '../../api/client';
import { useCan } from '../../app/session';
import { formatSize } from '../youth/AttachmentsTab';

type Kind = (typeof EVENT_FILE_KINDS)[number];
const KIND_COLORS: Record<string, string> = { 照片: 'green', 纪要: 'blue', 其他: 'default' };

function UploadDialog({
  eventId,
  onUploaded,
  onClose,
}: {
  eventId: number;
  onUploaded: () => void;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ kind?: Kind }>();
  const kind = Form.useWatch('kind', form);
  return (
    <Modal
      open
      title="上传照片或纪要"
      width={520}
      onCancel={onClose}
      footer={<Button onClick={onClose}>完成</Button>}
      destroyOnHidden
    >
      <Form form={form} name="event-file" layout="vertical" initialValues={{ kind: '照片' }}>
        <Form.Item
          name="kind"
          label="类别"
          rules={[{ required: true, message: '请选择类别' }]}
          style={{ width: 160 }}
        >
          <Select options={EVENT_FILE_KINDS.map((k) => ({ label: k, value: k }))} />
        </Form.Item>
      </Form>
      <Upload.Dragger
        multiple
        disabled={!kind}
        accept={EVENT_FILE_ACCEPT}
        beforeUpload={(file) => {
          if (file.size > EVENT_FILE_MAX_BYTES) {
            message.error(`“${file.name}”超过 20 MB，无法上传`);
            return Upload.LIST_IGNORE;
          }
          return true;
        }}
        customRequest={({ file, onProgress, onSuccess, onError }) => {
          const k = form.getFieldValue('kind') as Kind | undefined;
          if (!k) return;
          upload(uploadEventFile, { params: { id: eventId }, body: { kind: k } }, file as File, (f) =>
            onProgress?.({ percent: Math.round(f * 100) }),
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
        <p className="ant-upload-text">点击或拖动文件到此处上传</p>
        <p className="ant-upload-hint">支持照片（JPG/PNG/GIF/WebP）、PDF、Word，单个不超过 20 MB</p>
      </Upload.Dragger>
    </Modal>
  );
}

/** 照片与纪要 of an event, kept encrypted in the file store; downloads are audited. */
export function FilesTab({ event, onChanged }: { event: EventDetail; onChanged: () => void }) {
  const can = useCan();
  const { message } = App.useApp();
  const write = can('events.write');
  const [uploading, setUploading] = useState(false);
  const save = async (f: EventFile) => {
    try {
      await download(downloadEventFile, { params: { id: event.id, fileId: f.id } });
    } catch (e) {
      message.error(e instanceof Error ? e.message : '下载失败');
    }
  };
  const remove = async (f: EventFile) => {
    try {
      await call(deleteEventFile, { params: { id: event.id, fileId: f.id } });
      message.success(`已删除：${f.fileName}`);
      onChanged();
    } catch (e) {
      message.error(e instanceof Error ? e.message : '删除失败');
    }
  };
  return (
    <>
      {write && (
        <Flex justify="end" style={{ marginBottom: 12 }}>
          <Button type="primary" icon={<UploadOutlined />} onClick={() => setUploading(true)}>
            上传照片或纪要
          </Button>
        </Flex>
      )}
      <Table<EventFile>
        size="small"
        rowKey="id"
        dataSource={event.fileList}
        locale={{ emptyText: '暂无照片或纪要' }}
        pagination={{ pageSize: 10, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 个` }}
        columns={[
          {
            key: 'kind',
            title: '类别',
            width: 80,
            render: (_, f) => <Tag color={KIND_COLORS[f.kind] ?? 'default'}>{f.kind}</Tag>,
          },
          {
            key: 'fileName',
            title: '文件名',
            render: (_, f) => (
              <Typography.Link onClick={() => void save(f)} title="下载">
                {f.fileName}
              </Typography.Link>
            ),
          },
          { key: 'size', title: '大小', width: 90, align: 'right', render: (_, f) => formatSize(f.size) },
          { key: 'uploadedBy', title: '上传人', width: 140, render: (_, f) => f.uploadedBy ?? '—' },
          {
            key: 'createdAt',
            title: '上传时间',
            width: 140,
            render: (_, f) => dayjs(f.createdAt).format('YYYY-MM-DD HH:mm'),
          },
          {
            key: 'actions',
            title: '操作',
            width: write ? 110 : 60,
            render: (_, f) => (
              <Space size={4}>
                <Button type="link" size="small" onClick={() => void save(f)}>
                  下载
                </Button>
                {write && (
                  <Popconfirm
                    title={`确定删除“${f.fileName}”吗？`}
                    description="删除后列表中不再显示，操作会记入审计日志。"
                    okText="删除"
                    okButtonProps={{ danger: true }}
                    onConfirm={() => remove(f)}
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
        <UploadDialog eventId={event.id} onUploaded={onChanged} onClose={() => setUploading(false)} />
      )}
    </>
  );
}
