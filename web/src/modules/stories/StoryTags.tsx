import { Tag, Tooltip } from 'antd';
import { STORY_STATUSES, type StoryListItem } from '../../../../common/contracts/stories';

const COLORS = { draft: 'default', published: 'green', withdrawn: 'orange' } as const;

/** 草稿 / 已发布 / 已下线, and 已失去公开依据 when a published story's ground is gone. */
export function StoryStatusTags({
  s,
}: {
  s: Pick<StoryListItem, 'status' | 'groundLost' | 'groundProblem'>;
}) {
  return (
    <>
      <Tag color={COLORS[s.status]}>{STORY_STATUSES[s.status]}</Tag>
      {s.groundLost && (
        <Tooltip title={`公开页面已不再显示：${s.groundProblem ?? ''}`}>
          <Tag color="red">已失去公开依据</Tag>
        </Tooltip>
      )}
    </>
  );
}

/** Plain text as paragraphs: React escapes it, so markup in the text shows as the characters typed. */
export function StoryParagraphs({ text }: { text: string }) {
  const paragraphs = text
    .split(/\n+/)
    .map((p) => p.trim())
    .filter(Boolean);
  return (
    <>
      {paragraphs.map((p, i) => (
        <p key={i} style={{ textIndent: '2em', lineHeight: 1.8, margin: '0 0 10px' }}>
          {p}
        </p>
      ))}
    </>
  );
}
