import { useState } from 'react';
import { App, Button, DatePicker, Form, Input, Space, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import {
  AGREEMENT_ACCEPT,
  AGREEMENT_MAX_BYTES,
  endPairing,
  extendPairing,
  signPairing,
  startPairing,
  uploadAgreement,
  type PairingDetail,
} from '../../../../common/contracts/mentors-pairings';
import { call, upload } from '../../api/client';
import { FormModal } from '../../components/FormModal';

const YMD = 'YYYY-MM-DD';
type Dialog = 'sign' | 'extend' | 'complete' | 'terminate' | null;

/** The buttons a pairing's state allows, each with its small dialog. */
export function PairingActions({ pairing: p, onChanged }: { pairing: PairingDetail; onChanged: () => void }) {
  const { message } = App.useApp();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [uploading, setUploading] = useState(false);
  const close = () => setDialog(null);
  const done = (text: string) => {
    message.success(text);
    close();
    onChanged();
  };
  const start = useMutation({
    mutationFn: () => call(startPairing, { params: { id: p.id }, body: { version: p.version } }),
    onSuccess: () => done('已开始指导'),
  });
  const open = p.status === 'proposed' || p.status === 'signed' || p.status === 'active';
  return (
    <Space wrap>
      {open && (
        <Upload
          accept={AGREEMENT_ACCEPT}
          showUploadList={false}
          beforeUpload={(file) => {
            if (file.size > AGREEMENT_MAX_BYTES) {
              message.error(`“${file.name}”超过 20 MB，无法上传`);
              return Upload.LIST_IGNORE;
            }
            return true;
          }}
          customRequest={({ file, onSuccess, onError }) => {
            setUploading(true);
            upload(uploadAgreement, { params: { id: p.id }, body: {} }, file as File)
              .then((r) => {
                onSuccess?.(r);
                message.success(`已上传指导协议：${(file as File).name}`);
                onChanged();
              })
              .catch((e: unknown) => {
                message.error(e instanceof Error ? e.message : '上传失败');
                onError?.(e as Error);
              })
              .finally(() => setUploading(false));
          }}
        >
          <Button icon={<UploadOutlined />} loading={uploading}>
            {p.agreement ? '重新上传协议' : '上传指导协议'}
          </Button>
        </Upload>
      )}
      {p.status === 'proposed' && (
        <Button type="primary" onClick={() => setDialog('sign')}>
          签订协议
        </Button>
      )}
      {p.status === 'signed' && (
        <Button type="primary" loading={start.isPending} onClick={() => start.mutate()}>
          开始指导
        </Button>
      )}
      {open && <Button onClick={() => setDialog('extend')}>延期</Button>}
      {p.status === 'active' && <Button onClick={() => setDialog('complete')}>期满结束</Button>}
      {open && (
        <Button danger onClick={() => setDialog('terminate')}>
          提前终止
        </Button>
      )}
      {dialog === 'sign' && (
        <DateDialog
          title="签订指导协议"
          label="签订日期"
          intro={
            p.agreement
              ? `已上传协议：${p.agreement.fileName}`
              : '尚未上传协议文件，请至少填写签订日期；协议扫描件可稍后上传。'
          }
          initial={dayjs()}
          onSubmit={(d) =>
            call(signPairing, {
              params: { id: p.id },
              body: { version: p.version, signedOn: d.format(YMD) },
            }).then(() => done('已签约'))
          }
          onClose={close}
        />
      )}
      {dialog === 'extend' && (
        <DateDialog
          title="延长结对期限"
          label="新的结束日期"
          intro={`原结束日期 ${p.endDate}，新的结束日期须晚于它。`}
          initial={dayjs(p.endDate).add(6, 'month')}
          note="延期说明"
          onSubmit={(d, note) =>
            call(extendPairing, {
              params: { id: p.id },
              body: { version: p.version, endDate: d.format(YMD), note: note || undefined },
            }).then(() => done('已延期'))
          }
          onClose={close}
        />
      )}
      {dialog === 'complete' && (
        <DateDialog
          title="期满结束"
          label="结束日期"
          intro={`协议到 ${p.endDate} 期满。`}
          initial={dayjs()}
          onSubmit={(d) =>
            call(endPairing, {
              params: { id: p.id },
              body: { version: p.version, outcome: 'completed', endedOn: d.format(YMD) },
            }).then(() => done('结对已期满结束'))
          }
          onClose={close}
        />
      )}
      {dialog === 'terminate' && (
        <DateDialog
          title="提前终止结对"
          label="终止日期"
          intro="终止后导师名额释放，不能再填写指导记录。"
          initial={dayjs()}
          note="终止原因"
          noteRequired
          onSubmit={(d, reason) =>
            call(endPairing, {
              params: { id: p.id },
              body: { version: p.version, outcome: 'terminated', endedOn: d.format(YMD), reason },
            }).then(() => done('结对已提前终止'))
          }
          onClose={close}
        />
      )}
    </Space>
  );
}

function DateDialog({
  title,
  label,
  intro,
  initial,
  note,
  noteRequired,
  onSubmit,
  onClose,
}: {
  title: string;
  label: string;
  intro?: string;
  initial: Dayjs;
  note?: string;
  noteRequired?: boolean;
  onSubmit: (date: Dayjs, note: string) => Promise<unknown>;
  onClose: () => void;
}) {
  const run = useMutation({
    mutationFn: (v: { date: Dayjs; note?: string }) => onSubmit(v.date, v.note?.trim() ?? ''),
  });
  return (
    <FormModal<{ date: Dayjs; note?: string }>
      name="pairing-action"
      title={title}
      width={480}
      loading={run.isPending}
      initialValues={{ date: initial }}
      onSubmit={(v) => run.mutate(v)}
      onCancel={onClose}
    >
      {intro && <p style={{ color: 'rgba(0,0,0,0.55)' }}>{intro}</p>}
      <Form.Item name="date" label={label} rules={[{ required: true, message: `请选择${label}` }]}>
        <DatePicker style={{ width: 200 }} />
      </Form.Item>
      {note && (
        <Form.Item
          name="note"
          label={note}
          rules={noteRequired ? [{ required: true, whitespace: true, message: `请填写${note}` }] : []}
        >
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      )}
    </FormModal>
  );
}
