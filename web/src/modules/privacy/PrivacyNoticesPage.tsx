import { useState } from 'react';
import { App, Button, Card, Descriptions, Empty, Table, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  listPrivacyNotices,
  NOTICE_SECTIONS,
  type NoticeSectionsInput,
  type PrivacyNotice,
} from '../../../../common/contracts/privacy';
import { call } from '../../api/client';
import { NoticeDialog } from './NoticeDialog';

const KEY = ['privacy-notices'];
const formatTime = (iso: string) => new Date(iso).toLocaleString('zh-CN', { hour12: false });

function NoticeText({ notice }: { notice: PrivacyNotice }) {
  return (
    <Descriptions
      column={1}
      size="small"
      bordered
      styles={{ label: { width: 150, whiteSpace: 'nowrap' } }}
      items={(Object.keys(NOTICE_SECTIONS) as (keyof NoticeSectionsInput)[]).map((key) => ({
        key,
        label: NOTICE_SECTIONS[key],
        children: <span style={{ whiteSpace: 'pre-wrap' }}>{notice.sections[key]}</span>,
      }))}
    />
  );
}

/**
 * 个人信息处理规则: every version the unit published, with its content hash (what each consent record
 * names), and publishing a new one.
 */
export function PrivacyNoticesPage() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const { data, isLoading } = useQuery({ queryKey: KEY, queryFn: () => call(listPrivacyNotices) });
  const latest = data?.versions[0];
  return (
    <Card
      title="个人信息处理规则"
      extra={
        <Button type="primary" disabled={!data} onClick={() => setEditing(true)}>
          {latest ? '发布新版本' : '从模板发布第一版'}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">
        本单位的公开页面（线上招募等）都显示当前版本，并请填写人阅读同意。规则只能发布新版本，不能修改旧版本：每条同意记录都保存当时所同意版本的版本号和内容哈希。
      </Typography.Paragraph>
      <Table<PrivacyNotice>
        rowKey="id"
        loading={isLoading}
        dataSource={data?.versions ?? []}
        pagination={false}
        locale={{ emptyText: <Empty description="尚未发布，公开页面暂不能收集个人信息" /> }}
        expandable={{ expandedRowRender: (n) => <NoticeText notice={n} /> }}
        columns={[
          {
            key: 'version',
            title: '版本',
            width: 120,
            render: (_, n) => (
              <>
                第 {n.version} 版 {n.id === latest?.id && <Tag color="green">当前</Tag>}
              </>
            ),
          },
          { key: 'title', title: '标题', dataIndex: 'title' },
          {
            key: 'hash',
            title: '内容哈希（SHA-256）',
            render: (_, n) => (
              <Typography.Text code copyable={{ text: n.contentHash }}>
                {n.contentHash.slice(0, 16)}…
              </Typography.Text>
            ),
          },
          { key: 'createdAt', title: '发布时间', width: 180, render: (_, n) => formatTime(n.createdAt) },
          { key: 'createdBy', title: '发布人', width: 120, render: (_, n) => n.createdByName ?? '—' },
        ]}
      />
      {editing && data && (
        <NoticeDialog
          start={
            latest
              ? { title: latest.title, sections: latest.sections }
              : { title: '个人信息处理规则', sections: data.template }
          }
          fromTemplate={!latest}
          onClose={() => setEditing(false)}
          onPublished={(version) => {
            setEditing(false);
            message.success(`已发布第 ${version} 版`);
            void queryClient.invalidateQueries({ queryKey: KEY });
          }}
        />
      )}
    </Card>
  );
}
