import { useState } from 'react';
import { Button, Dropdown } from 'antd';
import { DownOutlined, GlobalOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { getUnitPageLink } from '../../../../common/contracts/showcase';
import { call } from '../../api/client';
import { useCan } from '../../app/session';
import {
  LinkDialog,
  PosterDialog,
  type ShareCopy,
  type SharedPage,
} from '../../components/share/ShareDialog';

const SHARE_COPY: ShareCopy = {
  linkLabel: '单位主页链接',
  notOpen: '',
  filePrefix: '单位主页海报',
  poster: {
    kicker: '单位主页',
    headline: '扫码看招募、征集和青年作品',
    subline: '正在招募的页面、正在征集的活动、巡演巡展和青年作品都在这里',
    footnote: '页面展示的作品均经作者同意公开',
  },
};

/**
 * 单位主页 (/m/u/<code>): its link and its poster, through the same dialogs as every public page. The
 * page always exists (it shows what is public now), so it is never "not open".
 */
export function UnitPageShare() {
  const can = useCan();
  const [dialog, setDialog] = useState<'link' | 'poster' | null>(null);
  const query = useQuery({
    queryKey: ['showcase-unit-page'],
    queryFn: () => call(getUnitPageLink),
    enabled: can('calls.read'),
    meta: { silent: true },
  });
  const u = query.data;
  if (!u) return null;
  const page: SharedPage = {
    title: `${u.unitName}单位主页`,
    path: u.path,
    unitId: u.unitId,
    unitName: u.unitName,
    open: true,
  };
  return (
    <>
      <Dropdown
        menu={{
          items: [
            {
              key: 'open',
              label: (
                <a href={u.path} target="_blank" rel="noopener">
                  打开单位主页
                </a>
              ),
            },
            { key: 'link', label: '复制链接', onClick: () => setDialog('link') },
            { key: 'poster', label: '下载海报', onClick: () => setDialog('poster') },
          ],
        }}
      >
        <Button icon={<GlobalOutlined />}>
          单位主页（展示作品 {u.showcasedWorks}） <DownOutlined />
        </Button>
      </Dropdown>
      {dialog === 'link' && <LinkDialog page={page} copy={SHARE_COPY} onClose={() => setDialog(null)} />}
      {dialog === 'poster' && <PosterDialog page={page} copy={SHARE_COPY} onClose={() => setDialog(null)} />}
    </>
  );
}
