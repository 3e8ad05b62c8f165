import { useMemo, useState } from 'react';
import { Button, Space } from 'antd';
import { BankOutlined, PlusOutlined, ScheduleOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import {
  CLASS_STATUSES,
  listClasses,
  TRAINING_LEVELS,
  type ClassItem,
  type ClassStatus,
} from '../../../../common/contracts/training';
import { call } from '../../api/client';
import { useCan } from '../../app/session';
import { ListPage, textFilter, type ListParams, type QueryField } from '../../components/ListPage';
import { ClassDialog } from './ClassDialog';
import { ClassStatusTag } from './trainingLabels';

const LIST_KEY = 'training-classes';
const options = (o: Record<string, string>) => Object.entries(o).map(([value, label]) => ({ value, label }));
const THIS_YEAR = new Date().getFullYear();

const FIELDS: QueryField[] = [
  { type: 'input', name: 'q', label: '名称', placeholder: '培训班名称' },
  { type: 'unit', name: 'unitId', label: '主办单位' },
  { type: 'select', name: 'level', label: '层级', options: options(TRAINING_LEVELS) },
  { type: 'select', name: 'status', label: '状态', options: options(CLASS_STATUSES) },
  {
    type: 'select',
    name: 'year',
    label: '年度',
    options: [0, 1, 2, 3].map((d) => ({ value: THIS_YEAR + 1 - d, label: `${THIS_YEAR + 1 - d} 年` })),
  },
];

function fetchClasses({ page, pageSize, sort, filters }: ListParams) {
  const n = (k: string) => (filters[k] === undefined || filters[k] === '' ? undefined : Number(filters[k]));
  return call(listClasses, {
    query: {
      page,
      pageSize,
      sort,
      q: textFilter(filters, 'q'),
      unitId: n('unitId'),
      level: textFilter(filters, 'level') as ClassItem['level'] | undefined,
      status: textFilter(filters, 'status') as ClassStatus | undefined,
      year: n('year'),
    },
  });
}

export function TrainingListPage() {
  const can = useCan();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const columns = useMemo(
    () => [
      {
        key: 'title',
        title: '培训班',
        sorter: true,
        render: (_: unknown, c: ClassItem) => <Link to={`/training/${c.id}`}>{c.title}</Link>,
      },
      { key: 'unit', title: '主办单位', render: (_: unknown, c: ClassItem) => c.unit.name },
      { key: 'level', title: '层级', render: (_: unknown, c: ClassItem) => TRAINING_LEVELS[c.level] },
      {
        key: 'startDate',
        title: '培训日期',
        sorter: true,
        render: (_: unknown, c: ClassItem) => `${c.startDate} 至 ${c.endDate}`,
      },
      {
        key: 'capacity',
        title: '录取 / 计划',
        render: (_: unknown, c: ClassItem) =>
          `${c.admittedCount + c.completedCount} / ${c.capacity}${c.waitlistCount ? `（候补 ${c.waitlistCount}）` : ''}`,
      },
      { key: 'lessons', title: '课程', render: (_: unknown, c: ClassItem) => `${c.lessonCount} 节` },
      { key: 'completed', title: '结业', render: (_: unknown, c: ClassItem) => `${c.completedCount} 人` },
      {
        key: 'institution',
        title: '培训机构',
        render: (_: unknown, c: ClassItem) => c.institution?.name ?? '—',
      },
      {
        key: 'status',
        title: '状态',
        render: (_: unknown, c: ClassItem) => <ClassStatusTag status={c.status} />,
      },
    ],
    [],
  );
  return (
    <>
      <ListPage<ClassItem>
        listKey={LIST_KEY}
        title="培训班"
        fields={FIELDS}
        fetch={fetchClasses}
        columns={columns}
        rowKey={(c) => c.id}
        syncUrl
        toolbar={() => (
          <Space>
            <Button icon={<ScheduleOutlined />} onClick={() => navigate('/training/follow-ups')}>
              跟踪培养
            </Button>
            <Button icon={<BankOutlined />} onClick={() => navigate('/training/institutions')}>
              培训机构
            </Button>
            {can('training.write') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                新建培训班
              </Button>
            )}
          </Space>
        )}
      />
      {creating && (
        <ClassDialog
          onSaved={(c) => {
            setCreating(false);
            navigate(`/training/${c.id}`);
          }}
          onClose={() => setCreating(false)}
        />
      )}
    </>
  );
}
