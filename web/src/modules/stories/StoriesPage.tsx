import { Button, Flex, Space, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import {
  CONSENT_BASES,
  listStories,
  STORY_STATUSES,
  type StoryListItem,
  type StoryStatus,
} from '../../../../common/contracts/stories';
import { call } from '../../api/client';
import { useCan } from '../../app/session';
import {
  boolFilter,
  ListPage,
  listQueryKey,
  numberFilter,
  textFilter,
  type ListParams,
  type QueryField,
} from '../../components/ListPage';
import { STORIES_LIST_KEY, useStoryActions } from './storyActions';
import { StoryStatusTags } from './StoryTags';

const FIELDS: QueryField[] = [
  { type: 'input', name: 'keyword', label: '关键字', placeholder: '标题或摘要' },
  {
    type: 'select',
    name: 'status',
    label: '状态',
    options: [
      ...Object.entries(STORY_STATUSES).map(([value, label]) => ({ value, label })),
      { value: 'lost', label: '已失去公开依据' },
    ],
  },
  { type: 'unit', name: 'unitId', label: '单位', descendantsName: 'includeDescendants' },
];

function fetchStories({ page, pageSize, sort, filters }: ListParams) {
  const status = textFilter(filters, 'status');
  return call(listStories, {
    query: {
      page,
      pageSize,
      sort: sort ?? '-updatedAt',
      keyword: textFilter(filters, 'keyword'),
      status: status === 'lost' ? undefined : (status as StoryStatus | undefined),
      groundLost: status === 'lost' ? 'true' : undefined,
      unitId: numberFilter(filters, 'unitId'),
      includeDescendants: boolFilter(filters, 'includeDescendants') === false ? 'false' : 'true',
    },
  });
}

const muted = (text: string) => (
  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
    {text}
  </Typography.Text>
);

/** 青年故事: the unit's (and its subordinates') stories, where each stands and on what ground. */
export function StoriesPage() {
  const can = useCan();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const manage = can('stories.manage');
  const reload = () => void queryClient.invalidateQueries({ queryKey: listQueryKey(STORIES_LIST_KEY) });
  const { publish, withdraw, dialog } = useStoryActions(reload);

  const columns = [
    {
      key: 'title',
      title: '故事',
      sorter: true,
      fixed: 'left' as const,
      render: (_: unknown, s: StoryListItem) => (
        <Flex vertical gap={4} style={{ maxWidth: 320 }}>
          <Link to={`/stories/${s.id}`}>{s.title}</Link>
          {s.summary && (
            <Typography.Text type="secondary" ellipsis={{ tooltip: s.summary }} style={{ fontSize: 12 }}>
              {s.summary}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      key: 'status',
      title: '状态',
      render: (_: unknown, s: StoryListItem) => <StoryStatusTags s={s} />,
    },
    {
      key: 'about',
      title: '人物与作品',
      render: (_: unknown, s: StoryListItem) => (
        <Flex vertical style={{ maxWidth: 240 }}>
          <span>{s.person?.maskedName ?? '—'}</span>
          {s.entry && (
            <Typography.Text
              type="secondary"
              ellipsis={{ tooltip: s.entry.callTitle }}
              style={{ fontSize: 12 }}
            >
              《{s.entry.workTitle}》· {s.entry.callTitle}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      key: 'basis',
      title: '公开依据',
      render: (_: unknown, s: StoryListItem) => (
        <Flex vertical>
          <span>{CONSENT_BASES[s.consentBasis]}</span>
          {s.groundProblem && s.status === 'draft' && muted(`尚不能发布：${s.groundProblem}`)}
        </Flex>
      ),
    },
    { key: 'unit', title: '单位', render: (_: unknown, s: StoryListItem) => s.unitName },
    {
      key: 'publishedAt',
      title: '发布时间',
      sorter: true,
      render: (_: unknown, s: StoryListItem) =>
        s.publishedAt ? dayjs(s.publishedAt).format('YYYY-MM-DD HH:mm') : muted('—'),
    },
    {
      key: 'updatedAt',
      title: '更新时间',
      sorter: true,
      render: (_: unknown, s: StoryListItem) => dayjs(s.updatedAt).format('YYYY-MM-DD HH:mm'),
    },
    {
      key: 'actions',
      title: '操作',
      fixed: 'right' as const,
      render: (_: unknown, s: StoryListItem) => (
        <Space size={0} wrap={false}>
          <Button type="link" size="small" onClick={() => navigate(`/stories/${s.id}`)}>
            {manage ? '编辑' : '查看'}
          </Button>
          {manage && s.status !== 'published' && (
            <Button type="link" size="small" disabled={Boolean(s.groundProblem)} onClick={() => publish(s)}>
              发布
            </Button>
          )}
          {manage && s.status === 'published' && (
            <Button type="link" size="small" danger onClick={() => void withdraw(s)}>
              下线
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <ListPage<StoryListItem>
        listKey={STORIES_LIST_KEY}
        title="青年故事"
        fields={FIELDS}
        fetch={fetchStories}
        columns={columns}
        rowKey={(s) => s.id}
        syncUrl
        toolbar={() =>
          manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/stories/new')}>
              写故事
            </Button>
          )
        }
      />
      {dialog}
    </>
  );
}
