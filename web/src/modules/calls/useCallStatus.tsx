import { App } from 'antd';
import {
  finishCall,
  publishCall,
  type CallDetail,
  type CallListItem,
} from '../../../../common/contracts/calls';
import { call } from '../../api/client';

/** 发布 / 结束征集, each confirmed first: both change what the public site shows at once. */
export function useCallStatus(onChanged: (c: CallDetail) => void) {
  const { message, modal } = App.useApp();
  const publish = (c: CallListItem) =>
    modal.confirm({
      title: `发布“${c.title}”？`,
      content: '发布后公开页面即显示本征集，征集时间内青年可通过链接和海报投稿。发布后仍可修改。',
      okText: '发布',
      onOk: () =>
        call(publishCall, { params: { id: c.id }, body: { version: c.version } })
          .then((d) => {
            message.success(`已发布：${c.title}`);
            onChanged(d);
          })
          .catch((e: Error) => message.error(e.message)),
    });
  const finish = (c: CallListItem) =>
    modal.confirm({
      title: `结束“${c.title}”？`,
      content: '结束后公开页面不再接收作品，也不能重新开放；已收到的作品仍可审查、评审和评奖。',
      okText: '结束征集',
      okButtonProps: { danger: true },
      onOk: () =>
        call(finishCall, { params: { id: c.id }, body: { version: c.version } })
          .then((d) => {
            message.success(`已结束：${c.title}`);
            onChanged(d);
          })
          .catch((e: Error) => message.error(e.message)),
    });
  return { publish, finish };
}
