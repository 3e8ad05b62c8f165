import { useCallback, useEffect, useMemo, useState, type Key } from 'react';
import { App, Button, Card, Flex, Form, Space, Table, Tooltip, Typography } from 'antd';
import type { SortOrder } from 'antd/es/table/interface';
import { ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { ColumnSettings, useHiddenColumns } from './list/ColumnSettings';
import { emptyFilters, normalizeFilters, useListState, type ListState } from './list/listState';
import { QueryForm } from './list/QueryForm';
import type { BatchAction, Filters, ListPageProps, ListParams, QueryField } from './list/types';

export type {
  BatchAction,
  Filters,
  ListPageProps,
  ListParams,
  ListResult,
  QueryField,
  ToolbarContext,
} from './list/types';
export { boolFilter, numberFilter, rangeFilter, textFilter } from './list/types';

const NO_FIELDS: QueryField[] = [];

/** The cache key of a list: invalidate `listQueryKey(listKey)` after changing its rows. */
export function listQueryKey(listKey: string, params?: ListParams) {
  return params ? ['list', listKey, params] : ['list', listKey];
}

function sortOrderOf(sort: string | undefined, key: string): SortOrder {
  if (sort === key) return 'ascend';
  if (sort === `-${key}`) return 'descend';
  return null;
}

type Selection<T> = { keys: Key[]; rows: T[] };

/**
 * The one list page: query form (查询 / 重置), toolbar, batch actions on checked rows,
 * column settings kept per list, server-side sort and paging with 共 N 条.
 */
export function ListPage<T extends object>({
  listKey,
  title,
  fields = NO_FIELDS,
  fetch,
  columns,
  rowKey,
  toolbar,
  batchActions,
  defaultPageSize = 20,
  syncUrl = false,
}: ListPageProps<T>) {
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Filters>();
  const initial = useMemo<ListState>(
    () => ({ filters: emptyFilters(fields), page: 1, pageSize: defaultPageSize }),
    [fields, defaultPageSize],
  );
  const [state, setState] = useListState(fields, initial, syncUrl);
  const [hidden, setHidden] = useHiddenColumns(listKey);
  const [selection, setSelection] = useState<Selection<T>>({ keys: [], rows: [] });

  const params = useMemo<ListParams>(
    () => ({ page: state.page, pageSize: state.pageSize, sort: state.sort, filters: state.filters }),
    [state],
  );
  const query = useQuery({
    queryKey: listQueryKey(listKey, params),
    queryFn: () => fetch(params),
    placeholderData: keepPreviousData,
  });
  const reload = useCallback(
    () => void queryClient.invalidateQueries({ queryKey: listQueryKey(listKey) }),
    [queryClient, listKey],
  );

  // The address bar can change the applied filters (back/forward): keep the form showing them.
  const hasForm = fields.length > 0;
  useEffect(() => {
    if (hasForm) form.setFieldsValue(state.filters);
  }, [form, hasForm, state.filters]);

  const search = (values: Filters) => {
    const filters = normalizeFilters({ ...initial.filters, ...values });
    setSelection({ keys: [], rows: [] });
    if (state.page === 1 && JSON.stringify(filters) === JSON.stringify(state.filters)) reload();
    else setState({ ...state, filters, page: 1 });
  };
  const reset = () => {
    form.setFieldsValue(initial.filters);
    search(initial.filters);
  };

  const shownKeys = columns.map((c) => String(c.key)).filter((k) => !hidden.includes(k));
  const runBatch = (action: BatchAction<T>) => {
    const { keys, rows } = selection;
    const go = async () => {
      try {
        const result = await action.run(keys, rows, { shownColumns: shownKeys });
        if (result === false) return;
        message.success(typeof result === 'string' ? result : `${action.label}：已处理 ${keys.length} 项`);
        setSelection({ keys: [], rows: [] });
      } catch (error) {
        message.error(error instanceof Error ? error.message : '操作失败');
      } finally {
        reload();
      }
    };
    if (!action.confirm) return void go();
    modal.confirm({
      title: action.confirm,
      content: `已选择 ${keys.length} 项。`,
      okButtonProps: { danger: action.danger },
      onOk: go,
    });
  };

  const columnOptions = useMemo(
    () =>
      columns.map((c) => ({
        key: String(c.key),
        title: typeof c.title === 'string' ? c.title : '未命名列',
      })),
    [columns],
  );
  const shownColumns = useMemo(
    () =>
      columns
        .filter((c) => !hidden.includes(String(c.key)))
        .map((c) => (c.sorter ? { ...c, sortOrder: sortOrderOf(state.sort, String(c.key)) } : c)),
    [columns, hidden, state.sort],
  );

  const selected = selection.keys.length;
  return (
    <Flex vertical gap={12}>
      {hasForm && (
        <Card size="small" styles={{ body: { padding: '12px 16px 0' } }}>
          <QueryForm
            name={listKey}
            form={form}
            fields={fields}
            initialValues={state.filters}
            onSearch={search}
            onReset={reset}
          />
        </Card>
      )}
      <Card size="small" styles={{ body: { padding: 16 } }}>
        <Flex justify="space-between" align="center" style={{ marginBottom: 12 }}>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {title}
          </Typography.Title>
          <Space>
            {toolbar?.({ params, reload, shownColumns: shownKeys })}
            <Tooltip title="刷新">
              <Button icon={<ReloadOutlined />} aria-label="刷新" onClick={reload} />
            </Tooltip>
            <ColumnSettings columns={columnOptions} hidden={hidden} onChange={setHidden} />
          </Space>
        </Flex>
        {batchActions && selected > 0 && (
          <Flex
            align="center"
            gap={12}
            style={{ marginBottom: 12, padding: '8px 12px', background: '#fff7f6', borderRadius: 4 }}
          >
            <Typography.Text>已选择 {selected} 项</Typography.Text>
            {batchActions.map((a) => (
              <Button key={a.key} size="small" danger={a.danger} onClick={() => runBatch(a)}>
                {a.label}
              </Button>
            ))}
            <Button size="small" type="link" onClick={() => setSelection({ keys: [], rows: [] })}>
              取消选择
            </Button>
          </Flex>
        )}
        <Table<T>
          rowKey={rowKey}
          columns={shownColumns}
          dataSource={query.data?.items}
          loading={query.isFetching}
          scroll={{ x: 'max-content' }}
          rowSelection={
            batchActions
              ? {
                  selectedRowKeys: selection.keys,
                  preserveSelectedRowKeys: true,
                  onChange: (keys, rows) => setSelection({ keys, rows }),
                }
              : undefined
          }
          pagination={{
            current: state.page,
            pageSize: state.pageSize,
            total: query.data?.total ?? 0,
            showSizeChanger: true,
            showQuickJumper: true,
            pageSizeOptions: [10, 20, 50, 100],
            showTotal: (total) => `共 ${total}${query.data?.totalIsEstimate ? '+' : ''} 条`,
          }}
          onChange={(pagination, _filters, sorter, extra) => {
            if (extra.action === 'sort') {
              const s = Array.isArray(sorter) ? sorter[0] : sorter;
              const sort = s?.order ? `${s.order === 'descend' ? '-' : ''}${String(s.columnKey)}` : undefined;
              setState({ ...state, sort, page: 1 });
            } else if (extra.action === 'paginate') {
              setState({
                ...state,
                page: pagination.current ?? 1,
                pageSize: pagination.pageSize ?? state.pageSize,
              });
            }
          }}
        />
      </Card>
    </Flex>
  );
}
