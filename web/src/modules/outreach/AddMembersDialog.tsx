import { useState } from 'react';
import { App, DatePicker, Flex, Input, Modal, Select, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { addBranchMembers, MEMBER_ROLES } from '../../../../common/contracts/outreach-branches';
import { searchYouth, type YouthListItem } from '../../../../common/contracts/youth';
import { call } from '../../api/client';
import { useDebounced } from '../../components/useDebounced';
import { StageTag } from '../youth/YouthTags';

type Role = (typeof MEMBER_ROLES)[number];

/**
 * 从青年库添加成员: the registry's own search within the branch's unit (only people it keeps may join),
 * check the people, give them a role and the date they joined, add them in one request.
 */
export function AddMembersDialog({
  branchId,
  unitId,
  establishedOn,
  current,
  onAdded,
  onClose,
}: {
  branchId: number;
  unitId: number;
  establishedOn: string;
  /** Current members: shown, not selectable. */
  current: Set<number>;
  onAdded: () => void;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const [text, setText] = useState('');
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<number[]>([]);
  const [role, setRole] = useState<Role>('青年');
  const [joinedOn, setJoinedOn] = useState<Dayjs>(() => dayjs());
  const [saving, setSaving] = useState(false);
  const q = useDebounced(text.trim());
  const found = useQuery({
    queryKey: ['league-branches', branchId, 'candidates', q, page],
    queryFn: () =>
      call(searchYouth, {
        body: { q: q || undefined, unitId, includeDescendants: true, page, pageSize: 10, sort: 'name' },
      }),
  });

  const add = async () => {
    setSaving(true);
    try {
      const res = await call(addBranchMembers, {
        params: { id: branchId },
        body: { youthIds: selected, role, joinedOn: joinedOn.format('YYYY-MM-DD') },
      });
      message.success(
        res.skipped ? `已添加 ${res.added} 人，${res.skipped} 人已是成员` : `已添加 ${res.added} 名成员`,
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
      title="从青年库添加成员"
      width={780}
      onCancel={onClose}
      okText={selected.length ? `添加 ${selected.length} 人` : '添加'}
      okButtonProps={{ disabled: !selected.length, loading: saving }}
      onOk={() => void add()}
      destroyOnHidden
    >
      <Input.Search
        allowClear
        aria-label="查找青年"
        placeholder="姓名、拼音、身份证号或手机号"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setPage(1);
        }}
        style={{ marginBottom: 12 }}
      />
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
          getCheckboxProps: (y) => ({ disabled: current.has(y.id) }),
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
              current.has(y.id) ? (
                <span>
                  {y.name}
                  <Typography.Text type="secondary" style={{ marginLeft: 6, fontSize: 12 }}>
                    已是成员
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
      <Flex gap={16} align="center" wrap>
        <span>
          职务：
          <Select<Role>
            aria-label="职务"
            value={role}
            onChange={setRole}
            style={{ width: 120 }}
            options={MEMBER_ROLES.map((r) => ({ value: r, label: r }))}
          />
        </span>
        <span>
          加入日期：
          <DatePicker
            aria-label="加入日期"
            value={joinedOn}
            allowClear={false}
            onChange={(d) => d && setJoinedOn(d)}
            disabledDate={(d) => d.isAfter(dayjs(), 'day') || d.isBefore(dayjs(establishedOn), 'day')}
          />
        </span>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          所选人员使用同一职务，添加后可逐人调整
        </Typography.Text>
      </Flex>
    </Modal>
  );
}
