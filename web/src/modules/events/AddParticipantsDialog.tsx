import { useState } from 'react';
import { App, Checkbox, Flex, Input, Modal, Select, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { addEventParticipants } from '../../../../common/contracts/events';
import {
  YOUTH_STAGES,
  searchYouth,
  type YouthListItem,
  type YouthStage,
} from '../../../../common/contracts/youth';
import { call } from '../../api/client';
import { useDebounced } from '../../components/useDebounced';
import { StageTag } from '../youth/YouthTags';

/**
 * 从青年库添加: the registry's own search (name, pinyin, ID number or phone; stage), check the people
 * who came, add them in one request. People already on the list are skipped by the server.
 */
export function AddParticipantsDialog({
  eventId,
  unitId,
  existing,
  onAdded,
  onClose,
}: {
  eventId: number;
  /** The organising unit: its subtree is searched, since only people it keeps may take part. */
  unitId: number;
  existing: Set<number>;
  onAdded: () => void;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const [text, setText] = useState('');
  const [stage, setStage] = useState<YouthStage | undefined>();
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<number[]>([]);
  const [signedIn, setSignedIn] = useState(false);
  const [saving, setSaving] = useState(false);
  const q = useDebounced(text.trim());
  const found = useQuery({
    queryKey: ['events', eventId, 'candidates', q, stage, page],
    queryFn: () =>
      call(searchYouth, {
        body: {
          q: q || undefined,
          stage,
          unitId,
          includeDescendants: true,
          page,
          pageSize: 10,
          sort: 'name',
        },
      }),
  });

  const add = async () => {
    setSaving(true);
    try {
      const res = await call(addEventParticipants, {
        params: { id: eventId },
        body: { youthIds: selected, signedIn },
      });
      message.success(
        res.skipped ? `已添加 ${res.added} 人，${res.skipped} 人已在名单中` : `已添加 ${res.added} 人`,
      );
      onAdded();
      onClose();
    } catch (e) {
      message.error(e instanceof Error ? e.message : '添加失败');
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title="从青年库添加参与青年"
      width={760}
      onCancel={onClose}
      okText={selected.length ? `添加 ${selected.length} 人` : '添加'}
      okButtonProps={{ disabled: !selected.length, loading: saving }}
      onOk={() => void add()}
      destroyOnHidden
    >
      <Flex gap={8} style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          aria-label="查找青年"
          placeholder="姓名、拼音、身份证号或手机号"
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setPage(1);
          }}
          style={{ flex: 1 }}
        />
        <Select
          allowClear
          aria-label="培养阶段"
          placeholder="全部阶段"
          style={{ width: 160 }}
          value={stage}
          onChange={(v) => {
            setStage(v);
            setPage(1);
          }}
          options={Object.entries(YOUTH_STAGES).map(([value, label]) => ({ value, label }))}
        />
      </Flex>
      <Table<YouthListItem>
        size="small"
        rowKey="id"
        loading={found.isFetching}
        dataSource={found.data?.items}
        locale={{ emptyText: '没有匹配的青年' }}
        rowSelection={{
          selectedRowKeys: selected,
          preserveSelectedRowKeys: true,
          onChange: (keys) => setSelected(keys.map(Number)),
          getCheckboxProps: (y) => ({ disabled: existing.has(y.id) }),
        }}
        pagination={{
          current: page,
          pageSize: 10,
          total: found.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
          showTotal: (t) => `共 ${t}${found.data?.totalIsEstimate ? '+' : ''} 人`,
        }}
        columns={[
          {
            key: 'name',
            title: '姓名',
            render: (_, y) =>
              existing.has(y.id) ? (
                <span>
                  {y.name}
                  <Typography.Text type="secondary" style={{ marginLeft: 6, fontSize: 12 }}>
                    已在名单中
                  </Typography.Text>
                </span>
              ) : (
                y.name
              ),
          },
          { key: 'unit', title: '所在单位', render: (_, y) => y.unit.name },
          { key: 'category', title: '群体类别', render: (_, y) => y.category?.label ?? '—' },
          { key: 'stage', title: '阶段', render: (_, y) => <StageTag stage={y.stage} /> },
          { key: 'phone', title: '手机', render: (_, y) => y.phone ?? '—' },
        ]}
      />
      <Checkbox checked={signedIn} onChange={(e) => setSignedIn(e.target.checked)}>
        同时标记为已签到（活动结束后补录名单时使用）
      </Checkbox>
    </Modal>
  );
}
