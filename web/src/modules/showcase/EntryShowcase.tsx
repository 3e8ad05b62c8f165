import { useState, type ComponentType, type ReactNode } from 'react';
import { Alert, App, Button, Form, Input, Modal, Space, Switch, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import {
  SHOWCASE_NOTE_MAX,
  getEntryShowcase,
  setEntryShowcase,
  type EntryShowcase as Showcase,
} from '../../../../common/contracts/showcase';
import { call } from '../../api/client';

type SectionProps = { title: string; extra?: ReactNode; children: ReactNode };

const showcaseKey = (id: number, version: number) => ['call-entry-showcase', id, version];

/** 推荐语: asked when a work is put on the page, and when it is changed. */
function NoteDialog({
  initial,
  busy,
  onOk,
  onClose,
}: {
  initial: string;
  busy: boolean;
  onOk: (note: string) => void;
  onClose: () => void;
}) {
  const [note, setNote] = useState(initial);
  return (
    <Modal
      open
      title="展示到单位主页"
      okText="展示"
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => onOk(note)}
      onCancel={onClose}
    >
      <Typography.Paragraph type="secondary">
        单位主页会显示作品标题、类别、奖项、作者姓名（部分隐去）、所在地、作品文件和推荐语，不显示身份证号、手机号和完整姓名。
      </Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label="推荐语（可不填）" htmlFor="showcase-note">
          <Input.TextArea
            id="showcase-note"
            rows={3}
            maxLength={SHOWCASE_NOTE_MAX}
            showCount
            value={note}
            onChange={(e) => setNote(e.target.value)}
            placeholder="一两句话介绍这件作品的亮点"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * 单位主页展示 in a call entry's drawer: the switch (calls.manage), the 推荐语, and why a work cannot be
 * shown. Reloaded whenever the entry's version changes (a review may make it showable or not).
 */
export function EntryShowcase({
  entryId,
  version,
  manage,
  section: Section,
}: {
  entryId: number;
  version: number;
  manage: boolean;
  section: ComponentType<SectionProps>;
}) {
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const key = showcaseKey(entryId, version);
  const query = useQuery({
    queryKey: key,
    queryFn: () => call(getEntryShowcase, { params: { id: entryId } }),
  });
  const s = query.data;

  const save = useMutation({
    mutationFn: (b: { showcased: boolean; note?: string | null }) =>
      call(setEntryShowcase, { params: { id: entryId }, body: b }),
    onSuccess: (r: Showcase, b) => {
      message.success(
        b.showcased ? (s?.showcased ? '推荐语已保存' : '已展示到单位主页') : '已从单位主页撤下',
      );
      queryClient.setQueryData(key, r);
      setEditing(false);
    },
    onError: (err: Error) => {
      message.error(err.message);
      void queryClient.invalidateQueries({ queryKey: key });
    },
  });

  const unshow = () =>
    modal.confirm({
      title: '从单位主页撤下这件作品？',
      content: '撤下后公众不能再打开作品页面和文件，之后可以重新展示。',
      okText: '撤下',
      cancelText: '取消',
      onOk: () => save.mutateAsync({ showcased: false }),
    });

  let body: ReactNode = null;
  if (query.isError) body = <Alert type="warning" showIcon title={query.error.message} />;
  else if (s?.showcased && s.refusal) {
    body = (
      <Alert
        type="warning"
        showIcon
        title="已选择展示，但现在不会出现在单位主页"
        description={`${s.refusal}。作品已自动从公开页面隐去，可撤下。`}
      />
    );
  } else if (s?.showcased) {
    body = (
      <Alert
        type="success"
        showIcon
        title={
          <Space wrap>
            <span>正在单位主页展示</span>
            {s.publicPath && (
              <Typography.Link href={s.publicPath} target="_blank" rel="noopener">
                查看公开页面
              </Typography.Link>
            )}
          </Space>
        }
        description={
          <>
            <div>推荐语：{s.note || <Typography.Text type="secondary">未填写</Typography.Text>}</div>
            <Typography.Text type="secondary">
              {[s.showcasedByName, s.showcasedAt && dayjs(s.showcasedAt).format('YYYY-MM-DD HH:mm')]
                .filter(Boolean)
                .join('，')}{' '}
              选择展示
            </Typography.Text>
          </>
        }
        action={
          manage && (
            <Button size="small" onClick={() => setEditing(true)}>
              修改推荐语
            </Button>
          )
        }
      />
    );
  } else if (s?.refusal) {
    body = <Typography.Text type="secondary">不能展示：{s.refusal}。</Typography.Text>;
  } else if (s) {
    body = (
      <Typography.Text type="secondary">
        作者同意公开展示。展示后，作品会出现在本单位的公开主页上（作者姓名部分隐去）；作者撤回作品或授权后自动隐去。
      </Typography.Text>
    );
  }

  return (
    <Section
      title="单位主页展示"
      extra={
        manage &&
        s && (
          <Space>
            <Typography.Text>展示到单位主页</Typography.Text>
            <Switch
              aria-label="展示到单位主页"
              checked={s.showcased}
              disabled={!s.showcased && !!s.refusal}
              loading={save.isPending}
              onChange={(on) => (on ? setEditing(true) : unshow())}
            />
          </Space>
        )
      }
    >
      {body}
      {editing && s && (
        <NoteDialog
          initial={s.note ?? ''}
          busy={save.isPending}
          onOk={(note) => save.mutate({ showcased: true, note: note.trim() || null })}
          onClose={() => setEditing(false)}
        />
      )}
    </Section>
  );
}
