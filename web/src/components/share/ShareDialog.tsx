import { useEffect, useRef, useState } from 'react';
import { Alert, App, AutoComplete, Button, Flex, Form, Input, Modal, Typography } from 'antd';
import { CopyOutlined, FileImageOutlined, FilePdfOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { getUnit } from '../../../../common/contracts/units';
import { call } from '../../api/client';
import { useViewer } from '../../app/session';
import { unitDetailKey } from '../UnitPicker';
import { drawPoster, posterPdf, posterPng, readable, saveBlob, type PosterCopy } from './poster';

const CHANNEL = /^[\p{L}\p{N}_-]{0,40}$/u;
const SUGGESTED = ['海报', '微信群', '公众号', '朋友圈', '宣讲会', '短信'].map((value) => ({ value }));

/** A page of the public site as it is shared: its address (/m/…), whose it is, and whether it takes entries. */
export type SharedPage = { title: string; path: string; unitId: number; unitName: string; open: boolean };

/** What a kind of public page (招募页面, 作品征集…) calls its link, its poster file and its poster's text. */
export type ShareCopy = {
  /** 报名链接 */
  linkLabel: string;
  /** Shown under the link while the page takes nothing. */
  notOpen: string;
  /** 招募海报: the poster's file name starts with it. */
  filePrefix: string;
  poster: PosterCopy;
};

export function publicLink(path: string, channel: string) {
  const url = new URL(path, window.location.origin);
  if (channel) url.searchParams.set('ch', channel);
  return url.toString();
}

function ChannelInput({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const valid = CHANNEL.test(value);
  return (
    <Form.Item
      label="渠道"
      htmlFor="share-channel"
      validateStatus={valid ? undefined : 'error'}
      help={valid ? '收到的记录会标注来自哪个渠道，便于统计各渠道的效果' : '渠道只能包含文字、数字、- 和 _'}
    >
      <AutoComplete
        id="share-channel"
        value={value}
        options={SUGGESTED}
        onChange={(v: string) => onChange(v.trim())}
        placeholder="如 海报、微信群、公众号"
        allowClear
      />
    </Form.Item>
  );
}

/** 复制链接: the public address of the page, tagged with the channel it will travel through. */
export function LinkDialog({
  page,
  copy,
  onClose,
}: {
  page: SharedPage;
  copy: ShareCopy;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const [channel, setChannel] = useState('微信群');
  const link = publicLink(page.path, channel);
  const write = async () => {
    try {
      await navigator.clipboard.writeText(link);
      message.success('链接已复制');
    } catch {
      message.warning('浏览器不允许自动复制，请选中链接后按 Ctrl+C 复制');
    }
  };
  return (
    <Modal open title={`复制链接：${page.title}`} width={560} footer={null} onCancel={onClose}>
      <Form layout="vertical">
        <ChannelInput value={channel} onChange={setChannel} />
        <Form.Item label={copy.linkLabel}>
          <Flex gap={8}>
            <Input readOnly value={link} aria-label={copy.linkLabel} onFocus={(e) => e.target.select()} />
            <Button type="primary" icon={<CopyOutlined />} disabled={!CHANNEL.test(channel)} onClick={write}>
              复制
            </Button>
          </Flex>
        </Form.Item>
      </Form>
      {!page.open && <Alert type="warning" showIcon title={copy.notOpen} />}
    </Modal>
  );
}

/** The poster names the committee (共青团南昌市委员会), not the place (南昌市). */
function useOrgName(page: SharedPage): string | null {
  const me = useViewer();
  const own = page.unitId === me.unit.id;
  const unit = useQuery({
    queryKey: unitDetailKey(page.unitId),
    queryFn: () => call(getUnit, { params: { id: page.unitId } }),
    enabled: !own,
    meta: { silent: true },
  });
  if (own) return me.unit.orgName;
  if (unit.isPending) return null;
  return unit.data?.orgName ?? page.unitName;
}

/** 下载海报: drawn in the browser (A4), with the QR code of the channel's link; PNG or PDF. */
export function PosterDialog({
  page,
  copy,
  onClose,
}: {
  page: SharedPage;
  copy: ShareCopy;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [channel, setChannel] = useState('海报');
  const [busy, setBusy] = useState<'png' | 'pdf' | null>(null);
  const valid = CHANNEL.test(channel);
  const link = publicLink(page.path, channel);
  const orgName = useOrgName(page);
  const text = copy.poster;

  useEffect(() => {
    if (!canvas.current || !valid || !orgName) return;
    drawPoster(canvas.current, { ...text, unitName: orgName, title: page.title, url: link }).catch(
      (e: Error) => message.error(e.message),
    );
  }, [page.title, text, orgName, link, valid, message]);

  const save = async (kind: 'png' | 'pdf') => {
    if (!canvas.current) return;
    setBusy(kind);
    try {
      const blob = kind === 'png' ? await posterPng(canvas.current) : await posterPdf(canvas.current);
      saveBlob(blob, `${copy.filePrefix}-${page.title}${channel ? `-${channel}` : ''}.${kind}`);
    } catch (e) {
      message.error(e instanceof Error ? e.message : '海报生成失败');
    } finally {
      setBusy(null);
    }
  };

  return (
    <Modal open title={`下载海报：${page.title}`} width={760} footer={null} onCancel={onClose}>
      <Flex gap={24} align="start">
        <canvas
          ref={canvas}
          aria-label="海报预览"
          style={{ width: 280, height: 396, border: '1px solid #f0f0f0', flex: 'none' }}
        />
        <Flex vertical style={{ flex: 1, minWidth: 0 }}>
          <Form layout="vertical">
            <ChannelInput value={channel} onChange={setChannel} />
          </Form>
          <Typography.Paragraph type="secondary" style={{ wordBreak: 'break-all' }}>
            二维码指向：{readable(link)}
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary">
            A4 尺寸，可直接打印张贴；PNG 适合发到微信群和朋友圈。
          </Typography.Paragraph>
          <Flex gap={8}>
            <Button
              type="primary"
              icon={<FileImageOutlined />}
              disabled={!valid || !orgName}
              loading={busy === 'png'}
              onClick={() => void save('png')}
            >
              下载 PNG
            </Button>
            <Button
              icon={<FilePdfOutlined />}
              disabled={!valid || !orgName}
              loading={busy === 'pdf'}
              onClick={() => void save('pdf')}
            >
              下载 PDF
            </Button>
          </Flex>
        </Flex>
      </Flex>
    </Modal>
  );
}
