import { useState } from 'react';
import { App, Button, Card, Flex, Popconfirm, Progress, Space, Table, Typography, Upload } from 'antd';
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  SUBMISSION_FILE_ACCEPT,
  SUBMISSION_FILE_MAX_BYTES,
  deleteSubmissionFile,
  downloadSubmissionFile,
  uploadSubmissionFile,
  type SubmissionDetail,
} from '../../../../common/contracts/reports-submissions';
import { call, download, upload } from '../../api/client';
import { formatSize } from '../youth/AttachmentsTab';
import { errorText } from './reportsUi';
import { submissionKey, type SubmissionDraft } from './useSubmissionDraft';

type File = SubmissionDetail['files'][number];
type Sending = { uid: string; name: string; percent: number };

/** 附件: pictures and documents sent with the report (a news item's photos, a case's materials). */
export function FilesSection({ d, draft }: { d: SubmissionDetail; draft: SubmissionDraft }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [sending, setSending] = useState<Sending[]>([]);
  const progress = (uid: string, percent: number | null) =>
    setSending((list) =>
      percent === null
        ? list.filter((s) => s.uid !== uid)
        : list.map((s) => (s.uid === uid ? { ...s, percent } : s)),
    );

  const save = (f: File) =>
    download(downloadSubmissionFile, { params: { id: d.id, fileId: f.id } }).catch(
      (e: unknown) => void message.error(errorText(e, '下载失败')),
    );
  const remove = async (f: File) => {
    try {
      await draft.persist();
      await call(deleteSubmissionFile, { params: { id: d.id, fileId: f.id } });
      message.success(`已删除：${f.name}`);
    } catch (e) {
      message.error(errorText(e, '删除失败'));
    } finally {
      void queryClient.invalidateQueries({ queryKey: submissionKey(d.id) });
    }
  };

  return (
    <Card
      size="small"
      title={`附件（${d.files.length}）`}
      extra={
        d.canEdit && (
          <Upload
            multiple
            accept={SUBMISSION_FILE_ACCEPT}
            showUploadList={false}
            beforeUpload={(file) => {
              if (file.size > SUBMISSION_FILE_MAX_BYTES) {
                message.error(`“${file.name}”超过 20 MB，无法上传`);
                return Upload.LIST_IGNORE;
              }
              return true;
            }}
            customRequest={({ file }) => {
              const f = file as globalThis.File & { uid: string };
              setSending((list) => [...list, { uid: f.uid, name: f.name, percent: 0 }]);
              void draft
                .persist()
                .then(() =>
                  upload(uploadSubmissionFile, { params: { id: d.id }, body: {} }, f, (x) =>
                    progress(f.uid, Math.round(x * 100)),
                  ),
                )
                .then((next) => {
                  draft.apply(next);
                  message.success(`已上传：${f.name}`);
                })
                .catch((e: unknown) => void message.error(`“${f.name}”${errorText(e, '上传失败')}`))
                .finally(() => progress(f.uid, null));
            }}
          >
            <Button icon={<UploadOutlined />}>上传附件</Button>
          </Upload>
        )
      }
    >
      {sending.map((s) => (
        <Flex key={s.uid} align="center" gap={12}>
          <Typography.Text ellipsis style={{ width: 240 }}>
            {s.name}
          </Typography.Text>
          <Progress percent={s.percent} size="small" style={{ flex: 1, margin: 0 }} />
        </Flex>
      ))}
      <Table<File>
        size="small"
        rowKey="id"
        showHeader={false}
        dataSource={d.files}
        pagination={false}
        locale={{
          emptyText: d.canEdit ? '暂无附件。可上传图片、PDF、Word、Excel，单个不超过 20 MB' : '暂无附件',
        }}
        columns={[
          {
            key: 'name',
            render: (_, f) => (
              <>
                <Typography.Link onClick={() => void save(f)}>
                  <PaperClipOutlined /> {f.name}
                </Typography.Link>
                <Typography.Text
                  type="secondary"
                  style={{ marginLeft: 8, fontSize: 12, whiteSpace: 'nowrap' }}
                >
                  {formatSize(f.size)}
                </Typography.Text>
              </>
            ),
          },
          {
            key: 'actions',
            width: d.canEdit ? 110 : 60,
            align: 'right',
            render: (_, f) => (
              <Space size={4}>
                <Button type="link" size="small" onClick={() => void save(f)}>
                  下载
                </Button>
                {d.canEdit && (
                  <Popconfirm
                    title={`确定删除“${f.name}”吗？`}
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
    </Card>
  );
}
