import type { CallListItem } from '../../../../common/contracts/calls';
import type { ShareCopy, SharedPage } from '../../components/share/ShareDialog';

export const CALL_SHARE_COPY: ShareCopy = {
  linkLabel: '投稿链接',
  notOpen: '征集尚未发布：青年打开链接看不到征集内容，也不能投稿。',
  filePrefix: '征集海报',
  poster: {
    kicker: '作品征集',
    headline: '扫码投稿，展示你的作品',
    subline: '手机即可上传作品，凭回执码查询进度，截止前可以修改',
    footnote: '投稿信息仅用于作品征集和团组织联系服务青年',
  },
};

export const sharedCall = (c: CallListItem): SharedPage => ({
  title: c.title,
  path: c.path,
  unitId: c.unitId,
  unitName: c.unitName,
  open: c.status === 'published',
});
