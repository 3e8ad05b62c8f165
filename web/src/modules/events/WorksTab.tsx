import { useState } from 'react';
import { App, Button, Flex, Modal, Popconfirm, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import {
  addEventWorks,
  removeEventWork,
  type EventDetail,
  type EventWork,
} from '../../../../common/contracts/events';
import { call } from '../../api/client';
import { useCan } from '../../app/session';
import { WorkSelect, WorkTags } from './EventWorkPickers';

/** 展演作品: works of the linked call the event shows, added and removed one request at a time. */
export function WorksTab({ event, onChanged }: { event: EventDetail; onChanged: () => void }) {
  const can = useCan();
  const { message } = App.useApp();
  const write = can('events.write');
  const [adding, setAdding] = useState(false);
  const [picked, setPicked] = useState<number[]>([]);
  const [saving, setSaving] = useState(false);

  const add = async () => {
    setSaving(true);
    try {
      const res = await call(addEventWorks, { params: { id: event.id }, body: { entryIds: picked } });
      message.success(`已添加 ${res.added} 件作品${res.skipped ? `，${res.skipped} 件已在列表中` : ''}`);
      setAdding(false);
      setPicked([]);
      onChanged();
    } catch (e) {
      message.error(e instanceof Error ? e.message : '添加失败');
    } finally {
      setSaving(false);
    }
  };
  const remove = async (w: EventWork) => {
    try {
      await call(removeEventWork, { params: { id: event.id, entryId: w.entryId } });
      message.success(`已移除：${w.title}`);
      onChanged();
    } catch (e) {
      message.error(e instanceof Error ? e.message : '移除失败');
    }
  };

  if (!event.call) {
    return (
      <Typography.Paragraph type="secondary" style={{ padding: '16px 0' }}>
        本活动未关联作品征集。巡演、巡展或见面会可在“修改”中关联一项征集，再选择展演的作品。
      </Typography.Paragraph>
    );
  }
  return (
    <>
      <Flex justify="space-between" align="center" style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">
          展演{' '}
          {can('calls.read') ? (
            <Link to={`/calls/${event.call.id}`}>{event.call.title}</Link>
          ) : (
            event.call.title
          )}{' '}
          的作品 {event.works} 件
        </Typography.Text>
        {write && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            添加作品
          </Button>
        )}
      </Flex>
      <Table<EventWork>
        size="small"
        rowKey="entryId"
        dataSource={event.workList}
        locale={{ emptyText: '尚未选择展演作品' }}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 件` }}
        columns={[
          { key: 'label', title: '作品编号', width: 110, render: (_, w) => w.label },
          { key: 'title', title: '作品名称', render: (_, w) => w.title },
          { key: 'category', title: '类别', width: 120, render: (_, w) => w.categoryLabel },
          {
            key: 'award',
            title: '获奖等级',
            width: 200,
            render: (_, w) =>
              w.awardLevel || !w.publicityConsent ? (
                <WorkTags work={w} />
              ) : (
                <Typography.Text type="secondary">—</Typography.Text>
              ),
          },
          { key: 'addedBy', title: '添加人', width: 120, render: (_, w) => w.addedBy ?? '—' },
          ...(write
            ? [
                {
                  key: 'actions',
                  title: '操作',
                  width: 80,
                  render: (_: unknown, w: EventWork) => (
                    <Popconfirm
                      title={`确定不再展演“${w.title}”吗？`}
                      okText="移除"
                      okButtonProps={{ danger: true }}
                      onConfirm={() => remove(w)}
                    >
                      <Button type="link" size="small" danger>
                        移除
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
      {adding && (
        <Modal
          open
          title="添加展演作品"
          width={640}
          okText="添加"
          okButtonProps={{ disabled: !picked.length, loading: saving }}
          onOk={() => void add()}
          onCancel={() => setAdding(false)}
        >
          <Typography.Paragraph type="secondary">
            可选 {event.call.title} 中形式审查合格的作品，获奖作品在前。
          </Typography.Paragraph>
          <WorkSelect
            callId={event.call.id}
            value={picked}
            onChange={setPicked}
            exclude={new Set(event.workList.map((w) => w.entryId))}
          />
        </Modal>
      )}
    </>
  );
}
