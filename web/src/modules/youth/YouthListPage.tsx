import { useMemo, useState } from 'react';
import { App, Button, Space, Tooltip } from 'antd';
import { AuditOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { GENDERS, exportYouth, searchYouth, type YouthListItem } from '../../../../common/contracts/youth';
import { youthImport } from '../../../../common/contracts/youth-import';
import { call, download } from '../../api/client';
import { useCan } from '../../app/session';
import { ListPage, listQueryKey, type BatchAction, type ListParams } from '../../components/ListPage';
import { ImportDialog } from '../../components/import/ImportDialog';
import { useBatchDialog, type BatchKind } from './BatchDialog';
import { ExportMenu } from './ExportMenu';
import { YouthDialog } from './YouthDialog';
import { AgeCell, ContactAgo, StageTag } from './YouthTags';
import { toYouthFilter, youthFields } from './youthFilters';
import { useDictionary } from './useDictionary';

const LIST_KEY = 'youth';

function fetchYouth({ page, pageSize, sort, filters }: ListParams) {
  return call(searchYouth, { body: { ...toYouthFilter(filters), page, pageSize, sort } });
}

const COLUMNS = [
  {
    key: 'name',
    title: '姓名',
    sorter: true,
    fixed: 'left' as const,
    render: (_: unknown, y: YouthListItem) => <Link to={`/youth/${y.id}`}>{y.name}</Link>,
  },
  {
    key: 'gender',
    title: '性别',
    render: (_: unknown, y: YouthListItem) => (y.gender ? GENDERS[y.gender] : '—'),
  },
  {
    key: 'age',
    title: '年龄',
    render: (_: unknown, y: YouthListItem) => <AgeCell age={y.age} warning={y.ageWarning} />,
  },
  { key: 'category', title: '群体类别', render: (_: unknown, y: YouthListItem) => y.category?.label ?? '—' },
  { key: 'occupation', title: '从业领域', render: (_: unknown, y: YouthListItem) => y.occupation ?? '—' },
  { key: 'stage', title: '阶段', render: (_: unknown, y: YouthListItem) => <StageTag stage={y.stage} /> },
  { key: 'phone', title: '手机', render: (_: unknown, y: YouthListItem) => y.phone ?? '—' },
  { key: 'idNumber', title: '身份证号', render: (_: unknown, y: YouthListItem) => y.idNumber ?? '—' },
  { key: 'unit', title: '所在单位', render: (_: unknown, y: YouthListItem) => y.unit.name },
  {
    key: 'lastContactAt',
    title: '最近联系',
    sorter: true,
    render: (_: unknown, y: YouthListItem) => <ContactAgo days={y.daysSinceContact} />,
  },
  {
    key: 'tags',
    title: '标签',
    render: (_: unknown, y: YouthListItem) => (y.tags.length ? y.tags.join('、') : '—'),
  },
];

export function YouthListPage() {
  const can = useCan();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [registering, setRegistering] = useState(false);
  const [importing, setImporting] = useState(false);
  const batch = useBatchDialog();
  const category = useDictionary('category');
  const source = useDictionary('source');
  const need = useDictionary('need');
  const fields = useMemo(() => youthFields({ category, source, need }), [category, source, need]);
  const write = can('youth.write');
  const transfer = can('youth.transfer');
  const reviewer = can('youth.review') || can('youth.transfer');

  const batchActions = useMemo(() => {
    const actions: BatchAction<YouthListItem>[] = [
      {
        key: 'export',
        label: '导出所选',
        run: async (_keys, rows, { shownColumns }) => {
          const name = await download(exportYouth, {
            body: { ids: rows.map((r) => r.id), columns: shownColumns },
          });
          message.success(`已导出：${name}`);
        },
      },
    ];
    const ask = (key: BatchKind, label: string): BatchAction<YouthListItem> => ({
      key,
      label,
      run: (_k, rows) => batch.ask(key, rows),
    });
    return [
      ...(write
        ? [
            ask('stage', '申请转为重点培养对象'),
            ask('tag', '添加标签'),
            ask('untag', '移除标签'),
            ask('unit', '调整所在单位'),
          ]
        : []),
      ...(transfer ? [ask('transfer', '转出到其他地区')] : []),
      ...actions,
    ];
  }, [write, transfer, batch, message]);

  return (
    <>
      <ListPage<YouthListItem>
        listKey={LIST_KEY}
        title="青年库"
        fields={fields}
        fetch={fetchYouth}
        columns={COLUMNS}
        rowKey={(y) => y.id}
        syncUrl
        batchActions={batchActions}
        toolbar={({ params, shownColumns }) => (
          <Space>
            {reviewer && (
              <Tooltip title="待审核的阶段调整和转接申请">
                <Button icon={<AuditOutlined />} onClick={() => navigate('/youth/todo')}>
                  待办
                </Button>
              </Tooltip>
            )}
            {write && (
              <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
                导入
              </Button>
            )}
            <ExportMenu filter={toYouthFilter(params.filters)} sort={params.sort} columns={shownColumns} />
            {write && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)}>
                登记
              </Button>
            )}
          </Space>
        )}
      />
      {batch.dialog}
      {importing && (
        <ImportDialog
          contracts={youthImport}
          what="青年"
          onClose={() => setImporting(false)}
          onImported={() => void queryClient.invalidateQueries({ queryKey: listQueryKey(LIST_KEY) })}
        />
      )}
      {registering && (
        <YouthDialog
          onSaved={(id) => {
            setRegistering(false);
            void queryClient.invalidateQueries({ queryKey: listQueryKey(LIST_KEY) });
            navigate(`/youth/${id}`);
          }}
          onClose={() => setRegistering(false)}
        />
      )}
    </>
  );
}
