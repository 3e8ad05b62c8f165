import { useState } from 'react';
import {
  App,
  Button,
  Checkbox,
  Col,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Slider,
  Upload,
  type UploadFile,
} from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { TASK_STATUSES, type TaskStatus } from '../../../../common/contracts/plans';
import {
  PROGRESS_FILE_ACCEPT,
  PROGRESS_FILE_MAX_BYTES,
  recordProgress,
  uploadProgressFile,
  type TaskDetail,
} from '../../../../common/contracts/plans-tasks';
import { todayInChina } from '../../../../common/validators';
import { call, upload } from '../../api/client';
import { FormModal } from '../../components/FormModal';
import { DateText } from '../federation/federationUi';

type Values = {
  date: string;
  status: TaskStatus;
  progress: number;
  text: string;
  actuals?: Record<string, number | null>;
  milestonesDone?: number[];
};

/**
 * 填报进展: what was done, the status and share done after it, each indicator's actual, the milestones it
 * completes, and attachments (sent once the report is saved).
 */
export function ProgressDialog({
  task,
  onSaved,
  onClose,
}: {
  task: TaskDetail;
  onSaved: () => void;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const open = task.milestones.filter((m) => !m.doneOn);
  const save = useMutation({
    mutationFn: async (v: Values) => {
      const actuals = task.indicators.flatMap((i) => {
        const value = v.actuals?.[String(i.id)];
        return value === null || value === undefined || value === i.actual
          ? []
          : [{ indicatorId: i.id, value }];
      });
      const r = await call(recordProgress, {
        params: { id: task.id },
        body: {
          version: task.version,
          date: v.date,
          text: v.text,
          status: v.status,
          progress: v.status === 'done' ? 100 : v.progress,
          actuals,
          milestonesDone: v.milestonesDone ?? [],
        },
      });
      for (const f of files) {
        await upload(
          uploadProgressFile,
          { params: { id: task.id, progressId: r.progressId }, body: {} },
          f as unknown as File,
        );
      }
      return files.length;
    },
    onSuccess: (n) => {
      message.success(n ? `已填报进展，上传附件 ${n} 个` : '已填报进展');
      onSaved();
      onClose();
    },
  });
  return (
    <FormModal<Values>
      name="plan-progress"
      title={`填报进展：${task.title}`}
      width={720}
      okText="提交"
      loading={save.isPending}
      initialValues={{
        date: todayInChina(),
        status: task.status === 'not_started' ? 'in_progress' : task.status,
        progress: task.progress,
        actuals: Object.fromEntries(task.indicators.map((i) => [String(i.id), i.actual])),
      }}
      onSubmit={(v) => save.mutate(v)}
      onCancel={onClose}
    >
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name="date" label="进展日期" rules={[{ required: true, message: '请选择日期' }]}>
            <DateText />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item name="status" label="状态">
            <Radio.Group
              optionType="button"
              options={Object.entries(TASK_STATUSES).map(([value, label]) => ({ value, label }))}
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item noStyle shouldUpdate={(a, b) => a.status !== b.status}>
        {({ getFieldValue }) =>
          getFieldValue('status') !== 'done' && (
            <Form.Item name="progress" label="完成比例（%）">
              <Slider min={0} max={100} step={5} marks={{ 0: '0%', 50: '50%', 100: '100%' }} />
            </Form.Item>
          )
        }
      </Form.Item>
      <Form.Item
        name="text"
        label="进展情况"
        rules={[{ required: true, whitespace: true, message: '请填写进展情况' }]}
      >
        <Input.TextArea
          rows={4}
          maxLength={5000}
          showCount
          placeholder="本期开展的工作、取得的成效、存在的问题"
        />
      </Form.Item>
      {task.indicators.length > 0 && (
        <Form.Item label="指标实际值">
          <Row gutter={[16, 8]}>
            {task.indicators.map((i) => (
              <Col span={12} key={i.id}>
                <Form.Item
                  name={['actuals', String(i.id)]}
                  label={`${i.name}（目标 ${i.comparator} ${i.target ?? '—'}${i.measure ?? ''}）`}
                  style={{ marginBottom: 0 }}
                >
                  <InputNumber min={0} style={{ width: '100%' }} suffix={i.measure ?? undefined} />
                </Form.Item>
              </Col>
            ))}
          </Row>
        </Form.Item>
      )}
      {open.length > 0 && (
        <Form.Item name="milestonesDone" label="本次完成的推进节点">
          <Checkbox.Group
            options={open.map((m) => ({ value: m.id, label: `${m.title}（${m.dueDate ?? '未设日期'}）` }))}
          />
        </Form.Item>
      )}
      <Form.Item label="附件" extra="照片、会议纪要、总结材料等，单个不超过 20 MB">
        <Upload
          multiple
          accept={PROGRESS_FILE_ACCEPT}
          fileList={files}
          beforeUpload={(file) => {
            if (file.size > PROGRESS_FILE_MAX_BYTES) {
              message.error(`“${file.name}”超过 20 MB，无法上传`);
              return Upload.LIST_IGNORE;
            }
            setFiles((list) => [...list, file]);
            return false;
          }}
          onRemove={(file) => setFiles((list) => list.filter((f) => f.uid !== file.uid))}
        >
          <Button icon={<UploadOutlined />}>选择文件</Button>
        </Upload>
      </Form.Item>
    </FormModal>
  );
}
