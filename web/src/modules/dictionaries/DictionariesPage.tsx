import { useState } from 'react';
import { Button, Card, Checkbox, Flex, Space, Switch, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  DICTIONARY_TYPES,
  getDictionary,
  updateDictItem,
  type DictionaryType,
  type DictItem,
} from '../../../../common/contracts/dictionaries';
import { call } from '../../api/client';
import { feedback } from '../../app/feedback';
import { useViewer } from '../../app/session';
import { DictItemDialog, type DictEdit } from './DictItemDialog';

/** Only 群体类别 has a second level (e.g. 新职业群体 › 网络主播). */
const TREE_TYPES: DictionaryType[] = ['category'];

export function DictionariesPage() {
  const me = useViewer();
  const queryClient = useQueryClient();
  const [type, setType] = useState<DictionaryType>('category');
  const [showDisabled, setShowDisabled] = useState(false);
  const [edit, setEdit] = useState<DictEdit | null>(null);
  const key = ['dictionaries', type, showDisabled];
  const { data, isFetching } = useQuery({
    queryKey: key,
    queryFn: () =>
      call(getDictionary, { params: { type }, query: { includeDisabled: showDisabled ? 'true' : 'false' } }),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['dictionaries'] });
  const toggle = useMutation({
    mutationFn: (item: DictItem) =>
      call(updateDictItem, {
        params: { id: item.id },
        body: { version: item.version, enabled: !item.enabled },
      }),
    onSuccess: (item) =>
      feedback.message.success(item.enabled ? `已启用“${item.label}”` : `已停用“${item.label}”`),
    onSettled: refresh,
  });

  // The server has the last word; this only hides buttons that would certainly be refused.
  const editable = (item: DictItem) =>
    item.national
      ? me.role === 'system_admin' && me.unit.level === 'central'
      : item.unitName === me.unit.name;
  const nested = TREE_TYPES.includes(type);

  return (
    <Card size="small" styles={{ body: { paddingTop: 0 } }}>
      <Tabs
        activeKey={type}
        onChange={(k) => setType(k as DictionaryType)}
        items={Object.entries(DICTIONARY_TYPES).map(([k, label]) => ({ key: k, label }))}
      />
      <Flex justify="space-between" align="center" style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">
          全国通用项由团中央系统管理员维护；本单位新增项仅本单位及下级可见。导入花名册时，写成别名的值按名称保存。
        </Typography.Text>
        <Space>
          <Checkbox checked={showDisabled} onChange={(e) => setShowDisabled(e.target.checked)}>
            显示已停用
          </Checkbox>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEdit({ mode: 'create' })}>
            新增字典项
          </Button>
        </Space>
      </Flex>
      <Table<DictItem>
        size="middle"
        rowKey="id"
        loading={isFetching}
        dataSource={data?.items}
        pagination={false}
        columns={[
          { key: 'label', title: '名称', dataIndex: 'label', width: 240 },
          {
            key: 'aliases',
            title: '别名',
            render: (_, item) =>
              item.aliases.length ? (
                <Flex wrap gap={4}>
                  {item.aliases.map((a) => (
                    <Tag key={a} bordered={false} style={{ marginInlineEnd: 0 }}>
                      {a}
                    </Tag>
                  ))}
                </Flex>
              ) : (
                <Typography.Text type="secondary">—</Typography.Text>
              ),
          },
          {
            key: 'owner',
            title: '来源',
            width: 180,
            render: (_, item) =>
              item.national ? (
                <Tag color="blue">全国通用</Tag>
              ) : (
                <Tag color="gold">{item.unitName ?? '本单位'}新增</Tag>
              ),
          },
          { key: 'sortOrder', title: '排序', dataIndex: 'sortOrder', width: 90 },
          {
            key: 'enabled',
            title: '启用',
            width: 90,
            render: (_, item) => (
              <Tooltip title={editable(item) ? undefined : '无权修改此项'}>
                <Switch
                  size="small"
                  checked={item.enabled}
                  disabled={!editable(item)}
                  loading={toggle.isPending && toggle.variables?.id === item.id}
                  onChange={() => toggle.mutate(item)}
                />
              </Tooltip>
            ),
          },
          {
            key: 'actions',
            title: '操作',
            width: 180,
            render: (_, item) => (
              <Space size={0}>
                {editable(item) && (
                  <Button type="link" size="small" onClick={() => setEdit({ mode: 'edit', item })}>
                    修改
                  </Button>
                )}
                {nested && item.parentId === null && (
                  <Button type="link" size="small" onClick={() => setEdit({ mode: 'create', parent: item })}>
                    新增子类
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {edit && (
        <DictItemDialog
          type={type}
          edit={edit}
          onClose={() => setEdit(null)}
          onStale={() => {
            setEdit(null);
            void refresh();
          }}
          onDone={() => {
            feedback.message.success('已保存');
            setEdit(null);
            void refresh();
          }}
        />
      )}
    </Card>
  );
}
