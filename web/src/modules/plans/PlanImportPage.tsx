import { useState } from 'react';
import {
  Alert,
  App,
  Breadcrumb,
  Button,
  Card,
  Col,
  Flex,
  Input,
  InputNumber,
  Row,
  Tabs,
  Typography,
  Upload,
} from 'antd';
import { FileWordOutlined, ReloadOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { PLAN_DOCUMENT_MAX_BYTES } from '../../../../common/contracts/plans';
import { draftFromDocument, draftFromText, type PlanDraft } from '../../../../common/contracts/plans-drafts';
import { call, upload } from '../../api/client';
import { useViewer } from '../../app/session';
import { UnitPicker } from '../../components/UnitPicker';
import { DraftEditor } from './DraftEditor';

const HELP =
  '系统识别章节（一、二、…）、编号任务（1. / 1、/ （一））、每项任务的标题（第一句）与内容、责任部门（列在首位的为牵头部门，其余为参与部门；“机关各部门”等照原文保留）、' +
  '推进时间（如“4—5月”“6月底前”，不存在的日期会提示更正）和量化指标（如“不少于5000个”“达到10000人”）。解析结果可在下一步逐项修改后再保存。';

/** 导入方案: the document the unit received (.docx or pasted text) → the preview → tracked tasks. */
export function PlanImportPage() {
  const me = useViewer();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [unitId, setUnitId] = useState<number | undefined>(me.unit.id);
  const [year, setYear] = useState<number | null>(null);
  const [text, setText] = useState('');
  const [draft, setDraft] = useState<PlanDraft>();
  const fromText = useMutation({
    mutationFn: () => call(draftFromText, { body: { unitId: unitId!, text, ...(year ? { year } : {}) } }),
    onSuccess: setDraft,
    meta: { silent: true },
  });
  const fromFile = useMutation({
    mutationFn: (file: File) =>
      upload(draftFromDocument, { body: { unitId: unitId!, ...(year ? { year } : {}) } }, file),
    onSuccess: setDraft,
    meta: { silent: true },
  });
  // A refused document is explained where the cadre is looking, and stays until the next attempt: the
  // reasons (too large, too complex, over the text cap) say what to do and are too long for a toast.
  const failure = fromFile.error ?? fromText.error;
  const crumbs = (
    <Breadcrumb items={[{ title: <Link to="/plans">工作方案</Link> }, { title: '导入方案文档' }]} />
  );
  if (draft) {
    return (
      <Flex vertical gap={12}>
        <Flex justify="space-between" align="center">
          {crumbs}
          <Button icon={<ReloadOutlined />} onClick={() => setDraft(undefined)}>
            重新选择文档
          </Button>
        </Flex>
        <DraftEditor draft={draft} onSaved={(id) => navigate(`/plans/${id}`)} />
      </Flex>
    );
  }
  return (
    <Flex vertical gap={12}>
      {crumbs}
      <Card size="small" title="导入工作方案">
        <Typography.Paragraph type="secondary">{HELP}</Typography.Paragraph>
        {failure && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            title={fromFile.error ? '未能读取该 Word 文档' : '未能解析粘贴的文本'}
            description={failure.message || '操作失败，请稍后重试'}
          />
        )}
        <Row gutter={16} style={{ marginBottom: 12 }}>
          <Col span={12}>
            <Flex gap={8} align="center">
              <span style={{ whiteSpace: 'nowrap' }}>方案所属单位</span>
              <UnitPicker
                value={unitId}
                onChange={setUnitId}
                valueLabel={unitId === me.unit.id ? me.unit.name : undefined}
              />
            </Flex>
          </Col>
          <Col span={12}>
            <Flex gap={8} align="center">
              <span style={{ whiteSpace: 'nowrap' }}>年度</span>
              <InputNumber
                value={year}
                onChange={setYear}
                min={2000}
                max={2100}
                precision={0}
                placeholder="按文号或标题识别"
                style={{ width: 200 }}
              />
            </Flex>
          </Col>
        </Row>
        <Tabs
          items={[
            {
              key: 'document',
              label: '上传 Word 文档',
              children: (
                <Upload.Dragger
                  accept=".docx"
                  showUploadList={false}
                  disabled={!unitId || fromFile.isPending}
                  beforeUpload={(file) => {
                    if (file.size > PLAN_DOCUMENT_MAX_BYTES) {
                      message.error(`“${file.name}”超过 20 MB，无法上传`);
                      return Upload.LIST_IGNORE;
                    }
                    fromText.reset();
                    fromFile.mutate(file);
                    return false;
                  }}
                >
                  <p className="ant-upload-drag-icon">
                    <FileWordOutlined />
                  </p>
                  <p className="ant-upload-text">
                    {fromFile.isPending ? '正在解析…' : '点击或拖入方案的 Word 文档（.docx）'}
                  </p>
                  <p className="ant-upload-hint">
                    原文将随方案保存，可随时下载；.doc 格式请先另存为 .docx，或改用“粘贴文本”
                  </p>
                </Upload.Dragger>
              ),
            },
            {
              key: 'text',
              label: '粘贴文本',
              children: (
                <Flex vertical gap={8}>
                  <Input.TextArea
                    value={text}
                    onChange={(e) => setText(e.target.value)}
                    rows={14}
                    placeholder="把方案全文（含标题、章节、任务和责任部门）粘贴到这里"
                    aria-label="方案全文"
                  />
                  <Flex justify="end">
                    <Button
                      type="primary"
                      disabled={!unitId || !text.trim()}
                      loading={fromText.isPending}
                      onClick={() => {
                        fromFile.reset();
                        fromText.mutate();
                      }}
                    >
                      解析
                    </Button>
                  </Flex>
                </Flex>
              ),
            },
          ]}
        />
      </Card>
    </Flex>
  );
}
