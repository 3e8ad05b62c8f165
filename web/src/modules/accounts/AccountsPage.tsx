import { useCallback, useMemo, useState } from 'react';
import { Badge, Button, Tag, Tooltip, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { ROLE_KEYS, ROLES, type Role } from '../../../../common/access';
import { listAccounts, updateAccount, type Account } from '../../../../common/contracts/accounts';
import { call } from '../../api/client';
import { useCan } from '../../app/session';
import {
  boolFilter,
  ListPage,
  listQueryKey,
  numberFilter,
  textFilter,
  type BatchAction,
  type ListParams,
  type QueryField,
} from '../../components/ListPage';
import { AccountActions } from './AccountActions';
import { AccountDialog } from './AccountDialog';
import { AccountStatus } from './AccountStatus';
import { InitialPasswordModal } from './InitialPasswordModal';
import { useRoles } from './useRoles';

const LIST_KEY = 'accounts';

const FIELDS: QueryField[] = [
  { type: 'input', name: 'q', label: '关键字', placeholder: '用户名或姓名' },
  { type: 'unit', name: 'unitId', label: '单位', descendantsName: 'includeDescendants' },
  {
    type: 'select',
    name: 'role',
    label: '角色',
    options: ROLE_KEYS.map((k) => ({ label: ROLES[k].label, value: k })),
  },
  {
    type: 'select',
    name: 'status',
    label: '状态',
    options: [
      { label: '正常', value: 'active' },
      { label: '停用', value: 'disabled' },
      { label: '锁定', value: 'locked' },
    ],
  },
];

function fetchAccounts({ page, pageSize, sort, filters }: ListParams) {
  const status = textFilter(filters, 'status');
  return call(listAccounts, {
    query: {
      page,
      pageSize,
      sort,
      q: textFilter(filters, 'q'),
      unitId: numberFilter(filters, 'unitId'),
      includeDescendants: boolFilter(filters, 'includeDescendants') === false ? 'false' : 'true',
      role: textFilter(filters, 'role') as Role | undefined,
      status: status as 'active' | 'disabled' | 'locked' | undefined,
    },
  });
}

const time = (at: string | null) => (at ? dayjs(at).format('YYYY-MM-DD HH:mm') : '—');

function setStatus(status: 'active' | 'disabled'): BatchAction<Account>['run'] {
  return async (_keys, rows) => {
    for (const a of rows) {
      if (a.status !== status)
        await call(updateAccount, { params: { id: a.id }, body: { version: a.version, status } });
    }
  };
}

export function AccountsPage() {
  const can = useCan();
  const queryClient = useQueryClient();
  const manage = can('accounts.manage');
  // Loaded with the page, so the account dialog's role list is complete the moment it opens.
  useRoles();
  const [editing, setEditing] = useState<Account | 'new' | null>(null);
  const [password, setPassword] = useState<{ username: string; password: string } | null>(null);
  const reload = useCallback(
    () => void queryClient.invalidateQueries({ queryKey: listQueryKey(LIST_KEY) }),
    [queryClient],
  );

  const columns = useMemo(
    () => [
      { key: 'username', title: '用户名', dataIndex: 'username', sorter: true },
      { key: 'displayName', title: '姓名', dataIndex: 'displayName', sorter: true },
      { key: 'role', title: '角色', dataIndex: 'roleLabel', sorter: true },
      {
        key: 'unit',
        title: '单位',
        sorter: true,
        render: (_: unknown, a: Account) => <Tooltip title={a.unit.orgName}>{a.unit.name}</Tooltip>,
      },
      { key: 'status', title: '状态', render: (_: unknown, a: Account) => <AccountStatus account={a} /> },
      {
        key: 'totp',
        title: '双因素',
        render: (_: unknown, a: Account) =>
          a.totpEnabled ? (
            <Tag color="blue">已启用</Tag>
          ) : (
            <Typography.Text type="secondary">未启用</Typography.Text>
          ),
      },
      {
        key: 'lastLoginAt',
        title: '最近登录',
        sorter: true,
        render: (_: unknown, a: Account) => time(a.lastLoginAt),
      },
      {
        key: 'sessions',
        title: '在线会话',
        render: (_: unknown, a: Account) =>
          a.activeSessions > 0 ? (
            <Badge status="success" text={a.activeSessions} />
          ) : (
            <Badge status="default" text={0} />
          ),
      },
      ...(manage
        ? [
            {
              key: 'actions',
              title: '操作',
              fixed: 'right' as const,
              render: (_: unknown, a: Account) => (
                <AccountActions
                  account={a}
                  onEdit={() => setEditing(a)}
                  onPassword={(p) => setPassword({ username: a.username, password: p })}
                  onChanged={reload}
                />
              ),
            },
          ]
        : []),
    ],
    [manage, reload],
  );

  return (
    <>
      <ListPage<Account>
        listKey={LIST_KEY}
        title="账号列表"
        fields={FIELDS}
        fetch={fetchAccounts}
        columns={columns}
        rowKey={(a) => a.id}
        syncUrl
        toolbar={() =>
          manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              新增账号
            </Button>
          )
        }
        batchActions={
          manage
            ? [
                {
                  key: 'disable',
                  label: '批量停用',
                  danger: true,
                  confirm: '停用所选账号？停用后无法登录。',
                  run: setStatus('disabled'),
                },
                { key: 'enable', label: '批量启用', run: setStatus('active') },
              ]
            : undefined
        }
      />
      {editing && (
        <AccountDialog
          account={editing === 'new' ? undefined : editing}
          onCreated={(username, initial) => {
            setEditing(null);
            reload();
            if (initial) setPassword({ username, password: initial });
          }}
          onSaved={() => {
            setEditing(null);
            reload();
          }}
          onClose={() => setEditing(null)}
        />
      )}
      {password && (
        <InitialPasswordModal
          username={password.username}
          password={password.password}
          onClose={() => setPassword(null)}
        />
      )}
    </>
  );
}
