import { useState, type Key } from 'react';
import { Alert, App, Flex, Input, Modal, Select, Table, Typography } from 'antd';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { searchYouth, YOUTH_STAGES, type YouthListItem } from '../../../../common/contracts/youth';
import { addEnrolments, type Enrolment } from '../../../../common/contracts/training-enrolment';
import type { ClassDetail } from '../../../../common/contracts/training';
import { call } from '../../api/client';
import { useDebounced } from '../../components/useDebounced';

/**
 * 从青年库添加: the registry's own search (same contract as the 青年库 list, the viewer's scope),
 * filtered to key targets by default since they come first (seed 000: 优先安排重点培养对象参加).
 */
export function EnrolDialog({
  cls,
  enrolled,
  onDone,
  onClose,
}: {
  cls: ClassDetail;
  enrolled: Enrolment[];
  onDone: () => void;
  onClose: () => void;
}) {
  const { modal } = App.useApp();
  const [q, setQ] = useState('');
  const [stage, setStage] = useState<'key' | 'contact' | undefined>('key');
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<Key[]>([]);
  const text = useDebounced(q.trim());
  const already = new Set(enrolled.filter((e) => e.status !== 'withdrawn').map((e) => e.youthId));
  const found = useQuery({
    queryKey: ['training', 'enrol-search', text, stage, page],
    queryFn: () => call(searchYouth, { body: { q: text || undefined, stage, page, pageSize: 10 } }),
    placeholderData: keepPreviousData,
  });
  const add = useMutation({
    mutationFn: () =>
      call(addEnrolments, { params: { id: cls.id }, body: { youthIds: selected.map(Number) } }),
    onSuccess: (r) => {
      onDone();
      if (r.skipped.length) {
        modal.info({
          title: `已报名 ${r.added} 人，${r.skipped.length} 人未添加`,
          content: r.skipped.map((s) => `${s.name}：${s.reason}`).join('；'),
        });
      }
    },
  });
  return (
    <Modal
      open
      title="从青年库添加学员"
      width={860}
      okText={`报名所选（${selected.length} 人）`}
      okButtonProps={{ disabled: selected.length === 0, loading: add.isPending }}
      onOk={() => add.mutate()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        message="报名后点击“按规则录取”：重点培养对象优先录取，超出计划人数的进入候补。"
      />
      <Flex gap={12} style={{ marginBottom: 12 }}>
        <Input.Search
          aria-label="查找青年"
          placeholder="姓名、拼音、身份证号或手机号"
          allowClear
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
            setPage(1);
          }}
          style={{ flex: 1 }}
        />
        <Select
          aria-label="培养阶段"
          style={{ width: 180 }}
          allowClear
          placeholder="全部阶段"
          value={stage}
          onChange={(v) => {
            setStage(v);
            setPage(1);
          }}
          options={Object.entries(YOUTH_STAGES).map(([value, label]) => ({ value, label }))}
        />
      </Flex>
      <Table<YouthListItem>
        rowKey="id"
        size="small"
        loading={found.isFetching}
        dataSource={found.data?.items}
        rowSelection={{
          selectedRowKeys: selected,
          preserveSelectedRowKeys: true,
          onChange: setSelected,
          getCheckboxProps: (y) => ({ disabled: already.has(y.id) }),
        }}
        pagination={{
          current: page,
          pageSize: 10,
          total: found.data?.total ?? 0,
          onChange: setPage,
          showTotal: (n) => `共 ${n}${found.data?.totalIsEstimate ? '+' : ''} 人`,
        }}
        columns={[
          {
            key: 'name',
            title: '姓名',
            render: (_, y) => (
              <>
                {y.name}
                {already.has(y.id) && (
                  <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                    已报名
                  </Typography.Text>
                )}
              </>
            ),
          },
          { key: 'stage', title: '阶段', render: (_, y) => YOUTH_STAGES[y.stage] },
          { key: 'category', title: '群体类别', render: (_, y) => y.category?.label ?? '—' },
          { key: 'unit', title: '所在单位', render: (_, y) => y.unit.name },
          { key: 'phone', title: '手机', render: (_, y) => y.phone ?? '—' },
        ]}
      />
    </Modal>
  );
}
