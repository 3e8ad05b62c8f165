import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Image,
  Input,
  InputNumber,
  Modal,
  Result,
  Row,
  Slider,
  Space,
  Tag,
  Typography,
} from 'antd';
import { FileOutlined, LeftOutlined, RightOutlined } from '@ant-design/icons';
import {
  abstainEntry,
  declareConflict,
  downloadMyEntryFile,
  getMyEntry,
  SHEET_STATUSES,
  submitScore,
  type judgeEntry,
} from '../../../../../common/contracts/judging';
import type { z } from 'zod';
import { call, download } from '../../../api/client';
import { PageLoading } from '../../../app/PageLoading';
import { SHEET_COLORS } from './JudgeTasksPage';

type Entry = z.infer<typeof judgeEntry>;
type FileItem = Entry['files'][number];

const sizeText = (n: number) =>
  n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;

function WorkFile({ roundId, entryId, file }: { roundId: number; entryId: number; file: FileItem }) {
  const url = `/api/judging/rounds/${roundId}/entries/${entryId}/files/${file.id}`;
  const open = () => void download(downloadMyEntryFile, { params: { roundId, entryId, fileId: file.id } });
  const caption = (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {file.label} · {sizeText(file.size)}
    </Typography.Text>
  );
  if (file.kind === 'image')
    return (
      <Flex vertical gap={4}>
        <Image src={url} alt={file.label} style={{ maxHeight: 360, objectFit: 'contain' }} />
        {caption}
      </Flex>
    );
  if (file.kind === 'audio' || file.kind === 'video') {
    const Media = file.kind;
    return (
      <Flex vertical gap={4}>
        <Media src={url} controls style={{ maxWidth: '100%' }} />
        {caption}
      </Flex>
    );
  }
  return (
    <Button icon={<FileOutlined />} onClick={open} style={{ alignSelf: 'flex-start' }}>
      {file.label}（{sizeText(file.size)}）
    </Button>
  );
}

/** One reason prompt for 回避 and 弃权. */
function askReason(
  modal: ReturnType<typeof App.useApp>['modal'],
  title: string,
  hint: string,
  onOk: (reason: string) => Promise<void>,
) {
  let reason = '';
  modal.confirm({
    title,
    content: (
      <Flex vertical gap={8}>
        <Typography.Text type="secondary">{hint}</Typography.Text>
        <Input.TextArea
          rows={3}
          maxLength={500}
          placeholder="请填写原因"
          onChange={(e) => (reason = e.target.value)}
        />
      </Flex>
    ),
    onOk: () => {
      if (!reason.trim()) {
        Modal.error({ title: '请填写原因' });
        return Promise.reject(new Error('请填写原因'));
      }
      return onOk(reason.trim());
    },
  });
}

function ScoreCard({
  roundId,
  entry,
  onSaved,
}: {
  roundId: number;
  entry: Entry;
  onSaved: (e: Entry) => void;
}) {
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const [scores, setScores] = useState<Record<string, number | null>>(entry.scores);
  const [comment, setComment] = useState(entry.comment);
  const [saving, setSaving] = useState(false);
  const open = entry.roundStatus === 'scoring';
  const complete = entry.rubric.every((c) => typeof scores[c.key] === 'number');
  const total = entry.rubric.reduce((s, c) => s + (c.weight * (scores[c.key] ?? 0)) / c.maxScore, 0);
  const params = { roundId, entryId: entry.entryId };

  const submit = async () => {
    setSaving(true);
    try {
      const saved = await call(submitScore, {
        params,
        body: { scores: scores as Record<string, number>, comment },
      });
      onSaved(saved);
      message.success(`已提交评分：${saved.total?.toFixed(2)} 分`);
      if (saved.nextEntryId) navigate(`/judging/${roundId}/${saved.nextEntryId}`);
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card title="评分" extra={<Tag color={SHEET_COLORS[entry.status]}>{SHEET_STATUSES[entry.status]}</Tag>}>
      {entry.status === 'rescore' && (
        <Alert
          style={{ marginBottom: 12 }}
          type="warning"
          showIcon
          message="组织方请您复评"
          description={entry.rescoreNote}
        />
      )}
      {entry.status === 'abstained' && (
        <Alert
          style={{ marginBottom: 12 }}
          type="info"
          showIcon
          message={`您已弃权：${entry.abstainReason ?? ''}`}
          description="如需改为评分，填写各项分数后提交即可。"
        />
      )}
      {!open && (
        <Alert style={{ marginBottom: 12 }} type="info" showIcon message="本轮评分已结束，评分不能再修改。" />
      )}
      <Flex vertical gap={12}>
        {entry.rubric.map((c) => (
          <div key={c.key}>
            <Flex justify="space-between" align="baseline">
              <Typography.Text strong>
                {c.label}
                <Typography.Text type="secondary" style={{ fontWeight: 'normal', marginLeft: 8 }}>
                  权重 {c.weight}% · 满分 {c.maxScore}
                </Typography.Text>
              </Typography.Text>
              <InputNumber
                aria-label={c.label}
                size="small"
                min={0}
                max={c.maxScore}
                step={0.5}
                value={scores[c.key] ?? null}
                disabled={!open}
                onChange={(v) => setScores((s) => ({ ...s, [c.key]: v }))}
              />
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {c.description}
            </Typography.Text>
            <Slider
              min={0}
              max={c.maxScore}
              step={0.5}
              value={scores[c.key] ?? 0}
              disabled={!open}
              onChange={(v) => setScores((s) => ({ ...s, [c.key]: v }))}
            />
          </div>
        ))}
        <Input.TextArea
          rows={3}
          maxLength={2000}
          placeholder="评语（选填）"
          value={comment}
          disabled={!open}
          onChange={(e) => setComment(e.target.value)}
        />
        <Flex justify="space-between" align="center">
          <Typography.Text>
            总分（百分制）：
            <Typography.Text strong style={{ fontSize: 20 }}>
              {complete ? total.toFixed(2) : '—'}
            </Typography.Text>
          </Typography.Text>
          <Space>
            <Button
              disabled={!open}
              onClick={() =>
                askReason(
                  modal,
                  '申报回避',
                  '与作者存在师生、亲属、同事等利害关系时申报。申报后该作品将从您的任务中撤下，改由其他评委评审。',
                  async (reason) => {
                    await call(declareConflict, { params, body: { reason } });
                    message.success('已申报回避');
                    navigate(entry.nextEntryId ? `/judging/${roundId}/${entry.nextEntryId}` : '/judging');
                  },
                )
              }
            >
              回避
            </Button>
            <Button
              disabled={!open}
              onClick={() =>
                askReason(modal, '对该作品弃权', '弃权的评分不计入汇总。', async (reason) => {
                  onSaved(await call(abstainEntry, { params, body: { reason } }));
                  message.success('已弃权');
                })
              }
            >
              弃权
            </Button>
            <Button
              type="primary"
              disabled={!open || !complete}
              loading={saving}
              onClick={() => void submit()}
            >
              提交评分
            </Button>
          </Space>
        </Flex>
      </Flex>
    </Card>
  );
}

/** A judge's scoring page: the anonymous work, the rubric, the score; previous and next work. */
export function JudgeScorePage() {
  const { roundId: r, entryId: e } = useParams();
  const roundId = Number(r);
  const entryId = Number(e);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const key = ['judging', 'entry', roundId, entryId];
  const { data, isLoading, error } = useQuery({
    queryKey: key,
    queryFn: () => call(getMyEntry, { params: { roundId, entryId } }),
    meta: { silent: true },
  });
  if (isLoading) return <PageLoading />;
  if (!data)
    return (
      <Result
        status="404"
        title="找不到该作品"
        subTitle={(error as Error | null)?.message}
        extra={<Button onClick={() => navigate('/judging')}>返回评审任务</Button>}
      />
    );
  const go = (id: number | null) => id && navigate(`/judging/${roundId}/${id}`);
  const onSaved = (saved: Entry) => {
    queryClient.setQueryData(key, saved);
    void queryClient.invalidateQueries({ queryKey: ['judging', 'rounds'] });
    void queryClient.invalidateQueries({ queryKey: ['judging', 'entries', roundId] });
  };
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center">
        <Space>
          <Button type="link" onClick={() => navigate('/judging')} style={{ paddingLeft: 0 }}>
            评审任务
          </Button>
          <Typography.Text type="secondary">/</Typography.Text>
          <Typography.Text strong>{data.entryLabel}</Typography.Text>
        </Space>
        <Space>
          <Button
            icon={<LeftOutlined />}
            disabled={!data.previousEntryId}
            onClick={() => go(data.previousEntryId)}
          >
            上一件
          </Button>
          <Button disabled={!data.nextEntryId} onClick={() => go(data.nextEntryId)}>
            下一件 <RightOutlined />
          </Button>
        </Space>
      </Flex>
      <Row gutter={16}>
        <Col span={14}>
          <Card title={data.title}>
            <Descriptions
              size="small"
              column={2}
              items={[
                { label: '作品编号', children: data.entryLabel },
                { label: '类别', children: data.categoryLabel },
              ]}
            />
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 12 }}>
              {data.description || '（无作品说明）'}
            </Typography.Paragraph>
            <Flex vertical gap={16}>
              {data.files.map((f) => (
                <WorkFile key={f.id} roundId={roundId} entryId={entryId} file={f} />
              ))}
            </Flex>
          </Card>
        </Col>
        <Col span={10}>
          {/* A new work or a new state (abstained, rescore) starts the form afresh. */}
          <ScoreCard
            key={`${data.entryId}-${data.status}`}
            roundId={roundId}
            entry={data}
            onSaved={onSaved}
          />
        </Col>
      </Row>
    </Flex>
  );
}
