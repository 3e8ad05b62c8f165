import { App } from 'antd';
import {
  publishStory,
  withdrawStory,
  type StoryDetail,
  type StoryListItem,
} from '../../../../common/contracts/stories';
import { call } from '../../api/client';
import { useReasonPrompt } from '../../components/useReasonPrompt';

export const STORIES_LIST_KEY = 'stories';
export const storyDetailKey = (id: number) => ['stories', id] as const;

/** 发布 (confirmed: the public page shows it at once) and 下线 (with a reason, kept in the audit log). */
export function useStoryActions(onChanged: (s: StoryDetail) => void) {
  const { message, modal } = App.useApp();
  const { ask, dialog } = useReasonPrompt();
  const publish = (s: Pick<StoryListItem, 'id' | 'title' | 'version'>) =>
    modal.confirm({
      title: `发布“${s.title}”？`,
      content: '发布后本单位公开页面即显示这篇故事。若作者日后撤回授权，故事会自动从公开页面消失。',
      okText: '发布',
      onOk: () =>
        call(publishStory, { params: { id: s.id }, body: { version: s.version } })
          .then((d) => {
            message.success(`已发布：${s.title}`);
            onChanged(d);
          })
          .catch((e: Error) => message.error(e.message)),
    });
  const withdraw = async (s: Pick<StoryListItem, 'id' | 'title' | 'version'>) => {
    const reason = await ask(`下线“${s.title}”`, {
      label: '下线原因',
      okText: '下线',
      hint: '下线后公开页面不再显示这篇故事；原因记入操作日志。',
      placeholder: '如：本人要求撤下、内容需更正',
    });
    if (!reason) return;
    try {
      const d = await call(withdrawStory, { params: { id: s.id }, body: { version: s.version, reason } });
      message.success(`已下线：${s.title}`);
      onChanged(d);
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return { publish, withdraw, dialog };
}
