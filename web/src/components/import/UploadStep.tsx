import { useState } from 'react';
import { Alert, App, Button, Form, Progress, Space, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import type { ImportContracts, ImportJob } from '../../../../common/contracts/imports';
import { download, upload } from '../../api/client';
import { useViewer } from '../../app/session';
import { UnitPicker } from '../UnitPicker';
import { RecentImports } from './RecentImports';

type Props = { contracts: ImportContracts; what: string; onStarted: (job: ImportJob) => void };

/** Step 1: the template, the unit the rows go to, and the file. */
export function UploadStep({ contracts, what, onStarted }: Props) {
  const viewer = useViewer();
  const { message } = App.useApp();
  const [unitId, setUnitId] = useState<number | undefined>(viewer.unit.id);
  const [sent, setSent] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  const send = async (file: File) => {
    setError(null);
    setSent(0);
    try {
      onStarted(await upload(contracts.start, { body: { unitId } }, file, setSent));
    } catch (e) {
      setError(e instanceof Error ? e.message : '上传失败');
    } finally {
      setSent(null);
    }
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Alert
        type="info"
        showIcon
        message={`可以直接上传本单位已有的${what}名册，也可以先下载模板填写`}
        description="支持 .xlsx 和 .csv（UTF-8 或 GBK 编码）。表头可以在标题、填报单位下方，列的顺序和常见写法（如“身份证号码”“联系电话”）都能识别。上传后系统先逐行检查并给出预览，确认后才写入。"
        action={
          <Button
            icon={<DownloadOutlined />}
            onClick={() =>
              download(contracts.template).catch((e: Error) => message.error(e.message ?? '下载失败'))
            }
          >
            下载模板
          </Button>
        }
      />
      <Form layout="inline">
        <Form.Item label="导入到" required tooltip="表格中“所在单位”列为空的行归入此单位">
          <UnitPicker value={unitId} onChange={setUnitId} style={{ width: 320 }} />
        </Form.Item>
      </Form>
      <Upload.Dragger
        accept=".xlsx,.xlsm,.csv,.xls"
        multiple={false}
        showUploadList={false}
        disabled={sent !== null || !unitId}
        beforeUpload={(file) => {
          void send(file);
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">点击或将表格拖到此处上传</p>
        <p className="ant-upload-hint">一次一个文件，不超过 60 MB（约 80 万行）</p>
      </Upload.Dragger>
      {sent !== null && <Progress percent={Math.round(sent * 100)} status="active" />}
      {error && <Alert type="error" showIcon message={error} />}
      <Typography.Text type="secondary">
        身份证号、手机号只在服务器上加密保存；预览中一律脱敏显示。
      </Typography.Text>
      <RecentImports contracts={contracts} onOpen={onStarted} />
    </Space>
  );
}
