import { useState } from 'react';
import { App, Button, Flex, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { CheckOutlined, UserAddOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import dayjs from 'dayjs';
import {
  removeEventParticipant,
  signInEventParticipants,
  type EventDetail,
  type EventParticipant,
} from '../../../../common/contracts/events';
import { call } from '../../api/client';
import { useCan } from '../../app/session';
import { StageTag } from '../youth/YouthTags';
import { AddParticipantsDialog } from './AddParticipantsDialog';

/** 参与青年 and 签到: add from the registry, mark who came (one by one or the checked rows). */
export function ParticipantsTab({ event, onChanged }: { event: EventDetail; onChanged: () => void }) {
  const can = useCan();
  const { message } = App.useApp();
  const write = can('events.write');
  const [adding, setAdding] = useState(false);
  const [selected, setSelected] = useState<number[]>([]);
  const [busy, setBusy] = useState(false);

  const mark = async (youthIds: number[], signedIn: boolean) => {
    setBusy(true);
    try {
      const res = await call(signInEventParticipants, {
        params: { id: event.id },
        body: { youthIds, signedIn },
      });
      message.success(signedIn ? `已签到 ${res.changed} 人` : `已取消 ${res.changed} 人的签到`);
      setSelected([]);
      onChanged();
    } catch (e) {
      message.error(e instanceof Error ? e.message : '操作失败');
    } finally {
      setBusy(false);
    }
  };
  const remove = async (p: EventParticipant) => {
    try {
      await call(removeEventParticipant, { params: { id: event.id, youthId: p.youthId } });
      message.success(`已移除：${p.name}`);
      setSelected((s) => s.filter((id) => id !== p.youthId));
      onChanged();
    } catch (e) {
      message.error(e instanceof Error ? e.message : '移除失败');
    }
  };

  return (
    <>
      <Flex justify="space-between" align="center" style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">
          参与 {event.participants} 人次，已签到 {event.signedIn} 人次
        </Typography.Text>
        {write && (
          <Space>
            <Button
              icon={<CheckOutlined />}
              disabled={!selected.length}
              loading={busy}
              onClick={() => void mark(selected, true)}
            >
              {selected.length ? `所选 ${selected.length} 人签到` : '批量签到'}
            </Button>
            <Button type="primary" icon={<UserAddOutlined />} onClick={() => setAdding(true)}>
              从青年库添加
            </Button>
          </Space>
        )}
      </Flex>
      <Table<EventParticipant>
        size="small"
        rowKey="youthId"
        dataSource={event.participantList}
        locale={{ emptyText: '尚未添加参与青年' }}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 人` }}
        rowSelection={
          write ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(Number)) } : undefined
        }
        columns={[
          {
            key: 'name',
            title: '姓名',
            render: (_, p) => (can('youth.read') ? <Link to={`/youth/${p.youthId}`}>{p.name}</Link> : p.name),
          },
          { key: 'unit', title: '所在单位', render: (_, p) => p.unit.name },
          { key: 'category', title: '群体类别', render: (_, p) => p.category ?? '—' },
          { key: 'stage', title: '阶段', render: (_, p) => <StageTag stage={p.stage} /> },
          {
            key: 'signedIn',
            title: '签到',
            render: (_, p) =>
              p.signedIn ? (
                <Space size={4}>
                  <Tag color="green">已签到</Tag>
                  {p.signedAt && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {dayjs(p.signedAt).format('MM-DD HH:mm')}
                    </Typography.Text>
                  )}
                </Space>
              ) : (
                <Tag>未签到</Tag>
              ),
          },
          ...(write
            ? [
                {
                  key: 'actions',
                  title: '操作',
                  width: 150,
                  render: (_: unknown, p: EventParticipant) => (
                    <Space size={4}>
                      <Button type="link" size="small" onClick={() => void mark([p.youthId], !p.signedIn)}>
                        {p.signedIn ? '取消签到' : '签到'}
                      </Button>
                      <Popconfirm
                        title={`确定将“${p.name}”移出参与名单吗？`}
                        okText="移除"
                        okButtonProps={{ danger: true }}
                        onConfirm={() => remove(p)}
                      >
                        <Button type="link" size="small" danger>
                          移除
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {adding && (
        <AddParticipantsDialog
          eventId={event.id}
          unitId={event.unit.id}
          existing={new Set(event.participantList.map((p) => p.youthId))}
          onAdded={onChanged}
          onClose={() => setAdding(false)}
        />
      )}
    </>
  );
}
