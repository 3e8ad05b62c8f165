import { useEffect, useState } from 'react';
import {
  Alert,
  App,
  Breadcrumb,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Form,
  Input,
  Radio,
  Result,
  Row,
  Select,
  Space,
  Spin,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { CloudUploadOutlined, SaveOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import {
  CONSENT_BASES,
  CONSENT_BASIS_RULES,
  CONSENT_NOTE_MIN,
  createStory,
  getStory,
  STORY_BODY_MAX,
  STORY_COVER_ACCEPT,
  storyEntryOptions,
  storyPersonOptions,
  updateStory,
  uploadStoryCover,
  type ConsentBasis,
  type StoryDetail,
} from '../../../../common/contracts/stories';
import { ApiError, call, upload } from '../../api/client';
import { useCan } from '../../app/session';
import { listQueryKey } from '../../components/ListPage';
import { useDebounced } from '../../components/useDebounced';
import { STORIES_LIST_KEY, storyDetailKey, useStoryActions } from './storyActions';
import { StoryParagraphs, StoryStatusTags } from './StoryTags';

type Values = {
  title: string;
  summary?: string;
  body: string;
  youthId?: number | null;
  entryId?: number | null;
  consentBasis: ConsentBasis;
  consentNote?: string;
};

const coverUrl = (s: StoryDetail) => `/api/stories/${s.id}/cover?v=${s.version}`;

/** 关联青年: the registry within scope, searched by name, shown masked. */
function PersonSelect(props: {
  value?: number | null;
  onChange?: (v: number | null) => void;
  initial?: string;
}) {
  const [keyword, setKeyword] = useState('');
  const k = useDebounced(keyword);
  const options = useQuery({
    queryKey: ['story-options', 'people', k],
    queryFn: () => call(storyPersonOptions, { query: { keyword: k || undefined } }),
  });
  const items = options.data?.items ?? [];
  const list = items.map((p) => ({
    value: p.id,
    label: `${p.maskedName}${p.birthYear ? `（${p.birthYear} 年生）` : ''} · ${p.unitName}`,
  }));
  if (props.value && props.initial && !items.some((p) => p.id === props.value)) {
    list.unshift({ value: props.value, label: props.initial });
  }
  return (
    <Select
      id="story-person"
      allowClear
      showSearch
      filterOption={false}
      onSearch={setKeyword}
      loading={options.isFetching}
      placeholder="输入姓名查找本单位及下级青年库中的人员"
      notFoundContent={options.isFetching ? <Spin size="small" /> : '没有找到'}
      value={props.value ?? undefined}
      onChange={(v) => props.onChange?.(v ?? null)}
      options={list}
    />
  );
}

/** 关联作品: entries of calls within scope, each saying whether it can ground a story. */
function EntrySelect(props: {
  value?: number | null;
  onChange?: (v: number | null) => void;
  initial?: string;
}) {
  const [keyword, setKeyword] = useState('');
  const k = useDebounced(keyword);
  const options = useQuery({
    queryKey: ['story-options', 'entries', k],
    queryFn: () => call(storyEntryOptions, { query: { keyword: k || undefined } }),
  });
  const items = options.data?.items ?? [];
  const list = items.map((e) => ({
    value: e.id,
    label: (
      <Flex justify="space-between" gap={8}>
        <Typography.Text ellipsis>
          《{e.workTitle}》· {e.callTitle}（{String(e.entryNo).padStart(4, '0')} 号）
        </Typography.Text>
        {e.publicityProblem ? (
          <Tag color="orange">不能作为公开依据</Tag>
        ) : (
          <Tag color="green">已授权公开</Tag>
        )}
      </Flex>
    ),
    title: e.publicityProblem ?? '作者已同意公开展示',
  }));
  if (props.value && props.initial && !items.some((e) => e.id === props.value)) {
    list.unshift({ value: props.value, label: <>{props.initial}</>, title: props.initial });
  }
  return (
    <Select
      id="story-entry"
      allowClear
      showSearch
      filterOption={false}
      onSearch={setKeyword}
      loading={options.isFetching}
      placeholder="输入作品或征集名称查找"
      notFoundContent={options.isFetching ? <Spin size="small" /> : '没有找到'}
      value={props.value ?? undefined}
      onChange={(v) => props.onChange?.(v ?? null)}
      options={list}
    />
  );
}

/** What the public page will show: the cover, title, summary and the body as plain paragraphs. */
function Preview({ values, story }: { values: Partial<Values>; story?: StoryDetail }) {
  const empty = !values.title && !values.body;
  return (
    <Card size="small" title="预览" style={{ position: 'sticky', top: 12 }}>
      {empty ? (
        <Empty description="填写标题和正文后在此预览" image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <article style={{ maxHeight: 'calc(100vh - 220px)', overflowY: 'auto' }}>
          {story?.hasCover && (
            <img
              src={coverUrl(story)}
              alt="封面"
              style={{ width: '100%', maxHeight: 200, objectFit: 'cover', borderRadius: 6, marginBottom: 12 }}
            />
          )}
          <Typography.Title level={4} style={{ marginTop: 0 }}>
            {values.title}
          </Typography.Title>
          {values.summary && (
            <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
              {values.summary}
            </Typography.Paragraph>
          )}
          <StoryParagraphs text={values.body ?? ''} />
        </article>
      )}
    </Card>
  );
}

function GroundAlert({ story, dirty }: { story?: StoryDetail; dirty: boolean }) {
  if (!story) return <Alert type="info" showIcon message="保存为草稿后检查公开依据；依据齐备才能发布。" />;
  const later = dirty ? '（以上次保存的内容为准，保存后重新检查）' : '';
  if (story.groundLost) {
    return (
      <Alert
        type="error"
        showIcon
        message="已失去公开依据，公开页面已不再显示这篇故事"
        description={`${story.groundProblem}。请取得新的书面同意后改为书面同意依据，或将故事下线。`}
      />
    );
  }
  if (story.groundProblem) {
    return <Alert type="warning" showIcon message={`尚不能发布：${story.groundProblem}${later}`} />;
  }
  return (
    <Alert
      type="success"
      showIcon
      message={
        story.status === 'published'
          ? `公开中，依据：${CONSENT_BASES[story.consentBasis]}`
          : `公开依据齐备，可以发布${later}`
      }
    />
  );
}

/** 写故事 / 编辑故事: the text with a live preview, who and what it is about, and the ground to show it. */
export function StoryPage() {
  const params = useParams();
  const isNew = params.id === 'new';
  const id = isNew ? 0 : Number(params.id);
  const can = useCan();
  const manage = can('stories.manage');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const values = Form.useWatch([], form) ?? {};
  const [saving, setSaving] = useState(false);
  const [dirty, setDirty] = useState(false);
  const detail = useQuery({
    queryKey: storyDetailKey(id),
    queryFn: () => call(getStory, { params: { id } }),
    enabled: id > 0,
  });
  const story = detail.data;
  const settle = (s: StoryDetail) => {
    queryClient.setQueryData(storyDetailKey(s.id), s);
    void queryClient.invalidateQueries({ queryKey: listQueryKey(STORIES_LIST_KEY) });
  };
  const { publish, withdraw, dialog } = useStoryActions(settle);

  useEffect(() => {
    if (!story || dirty) return;
    form.setFieldsValue({
      title: story.title,
      summary: story.summary ?? '',
      body: story.body,
      youthId: story.person?.id ?? null,
      entryId: story.entry?.id ?? null,
      consentBasis: story.consentBasis,
      consentNote: story.consentNote ?? '',
    });
  }, [story, dirty, form]);

  if (!isNew && (detail.isError || !(id > 0))) {
    const gone = detail.error instanceof ApiError && detail.error.status === 404;
    return (
      <Result
        status={gone || !(id > 0) ? '404' : 'warning'}
        title={gone || !(id > 0) ? '找不到该故事，或不在您的管辖范围内' : detail.error?.message}
        extra={<Link to="/stories">返回青年故事</Link>}
      />
    );
  }
  if (!isNew && !story) return <Spin style={{ display: 'block', margin: 48 }} />;

  const save = async (v: Values) => {
    setSaving(true);
    const body = {
      title: v.title,
      summary: v.summary || null,
      body: v.body,
      youthId: v.youthId ?? null,
      entryId: v.entryId ?? null,
      consentBasis: v.consentBasis,
      consentNote: v.consentBasis === 'written' ? v.consentNote || null : null,
    };
    try {
      const saved = story
        ? await call(updateStory, { params: { id: story.id }, body: { ...body, version: story.version } })
        : await call(createStory, { body });
      settle(saved);
      setDirty(false);
      message.success(story ? '已保存' : '已保存为草稿');
      if (!story) navigate(`/stories/${saved.id}`, { replace: true });
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setSaving(false);
    }
  };

  const basis = values.consentBasis ?? story?.consentBasis ?? 'work_publicity';
  const readOnly = !manage;
  return (
    <Flex vertical gap={12}>
      <Breadcrumb
        items={[{ title: <Link to="/stories">青年故事</Link> }, { title: story?.title ?? '写故事' }]}
      />
      <Card size="small" styles={{ body: { padding: '12px 20px' } }}>
        <Flex align="center" gap={12} wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {story?.title ?? '写故事'}
          </Typography.Title>
          {story && <StoryStatusTags s={story} />}
          {story?.publishedAt && (
            <Typography.Text type="secondary">
              {story.publishedByName ?? ''} 发布于 {dayjs(story.publishedAt).format('YYYY-MM-DD HH:mm')}
            </Typography.Text>
          )}
          <span style={{ flex: 1 }} />
          {manage && (
            <Space wrap>
              <Button icon={<SaveOutlined />} loading={saving} onClick={() => form.submit()}>
                {story ? '保存' : '保存草稿'}
              </Button>
              {story && story.status !== 'published' && (
                <Button
                  type="primary"
                  disabled={Boolean(story.groundProblem) || dirty}
                  title={dirty ? '请先保存' : (story.groundProblem ?? undefined)}
                  onClick={() => publish(story)}
                >
                  发布
                </Button>
              )}
              {story?.status === 'published' && (
                <Button danger onClick={() => void withdraw(story)}>
                  下线
                </Button>
              )}
            </Space>
          )}
        </Flex>
      </Card>
      <Row gutter={12} wrap={false}>
        <Col flex="1 1 0" style={{ minWidth: 0 }}>
          <Card size="small">
            <Form<Values>
              form={form}
              layout="vertical"
              disabled={readOnly}
              initialValues={{ consentBasis: 'work_publicity' }}
              onValuesChange={() => setDirty(true)}
              onFinish={(v) => void save(v)}
            >
              <Form.Item
                name="title"
                label="标题"
                rules={[{ required: true, whitespace: true, message: '请填写标题' }]}
              >
                <Input maxLength={60} showCount placeholder="如：把非遗剪纸带进短视频的 95 后" />
              </Form.Item>
              <Form.Item name="summary" label="摘要" extra="显示在公开页面的故事列表中">
                <Input.TextArea rows={2} maxLength={200} showCount />
              </Form.Item>
              <Form.Item
                name="body"
                label="正文"
                extra="纯文本，每行一段；不支持网页格式，输入的尖括号等符号按原样显示"
                rules={[{ required: true, whitespace: true, message: '请填写正文' }]}
              >
                <Input.TextArea autoSize={{ minRows: 8, maxRows: 18 }} maxLength={STORY_BODY_MAX} showCount />
              </Form.Item>
              <Row gutter={12}>
                <Col span={12}>
                  <Form.Item name="youthId" label="关联青年">
                    <PersonSelect initial={story?.person?.maskedName} />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name="entryId" label="关联作品">
                    <EntrySelect
                      initial={
                        story?.entry ? `《${story.entry.workTitle}》· ${story.entry.callTitle}` : undefined
                      }
                    />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item
                name="consentBasis"
                label="公开依据"
                rules={[{ required: true, message: '请选择公开依据' }]}
              >
                <Radio.Group
                  options={Object.entries(CONSENT_BASES).map(([value, label]) => ({ value, label }))}
                />
              </Form.Item>
              <Alert
                type="info"
                style={{ marginTop: -12, marginBottom: 16 }}
                message={CONSENT_BASIS_RULES[basis]}
              />
              {basis === 'written' && (
                <Form.Item
                  name="consentNote"
                  label="书面同意说明"
                  rules={[
                    { required: true, whitespace: true, message: '请写明何时、以何种方式取得书面同意' },
                    { min: CONSENT_NOTE_MIN, message: `至少 ${CONSENT_NOTE_MIN} 个字` },
                  ]}
                >
                  <Input.TextArea
                    rows={2}
                    maxLength={300}
                    showCount
                    placeholder="如：2026 年 3 月 2 日当面签署《个人故事公开同意书》，原件存团区委档案室"
                  />
                </Form.Item>
              )}
              <Form.Item
                label="封面照片"
                extra="JPG 或 PNG，不超过 10 MB；上传时自动去除拍摄地点、设备等信息"
              >
                {story ? (
                  <Upload
                    accept={STORY_COVER_ACCEPT}
                    showUploadList={false}
                    customRequest={({ file, onSuccess, onError }) => {
                      upload(uploadStoryCover, { params: { id: story.id } }, file as File)
                        .then((s) => {
                          settle(s);
                          message.success('封面已上传');
                          onSuccess?.(s);
                        })
                        .catch((e: Error) => {
                          message.error(e.message);
                          onError?.(e);
                        });
                    }}
                  >
                    <Button icon={<CloudUploadOutlined />}>{story.hasCover ? '更换封面' : '上传封面'}</Button>
                  </Upload>
                ) : (
                  <Typography.Text type="secondary">保存草稿后可上传封面</Typography.Text>
                )}
              </Form.Item>
            </Form>
          </Card>
        </Col>
        <Col flex="0 0 400px">
          <Flex vertical gap={12}>
            <GroundAlert story={story} dirty={dirty} />
            <Preview values={values} story={story} />
          </Flex>
        </Col>
      </Row>
      {dialog}
    </Flex>
  );
}
