import { Form, Input, Radio, Select } from 'antd';
import { useMutation } from '@tanstack/react-query';
import type { Role } from '../../../../common/access';
import { createAccount, updateAccount, type Account } from '../../../../common/contracts/accounts';
import { call, isVersionConflict } from '../../api/client';
import { FormModal } from '../../components/FormModal';
import { UnitPicker } from '../../components/UnitPicker';
import { useRoles } from './useRoles';

type Values = {
  username: string;
  displayName: string;
  role: Role;
  unitId: number;
  password?: string;
  status?: 'active' | 'disabled';
};

type Props = {
  /** The account to edit; absent to create one. */
  account?: Account;
  onCreated: (username: string, initialPassword: string | null) => void;
  onSaved: () => void;
  onClose: () => void;
};

export function AccountDialog({ account, onCreated, onSaved, onClose }: Props) {
  const roles = useRoles();
  const save = useMutation({
    mutationFn: async ({ username, password, ...v }: Values) => {
      if (!account) {
        const created = await call(createAccount, {
          body: { username, ...v, password: password || undefined },
        });
        onCreated(created.account.username, created.initialPassword);
        return;
      }
      await call(updateAccount, { params: { id: account.id }, body: { ...v, version: account.version } });
      onSaved();
    },
    // Changed by someone else meanwhile: close, and the refreshed list is the one to edit.
    onError: (e) => isVersionConflict(e) && onSaved(),
  });
  // A role above one's own cannot be granted; an account that already has one keeps it on display.
  const roleOptions = (roles.data ?? [])
    .filter((r) => r.grantable || r.key === account?.role)
    .map((r) => ({ label: r.label, value: r.key, disabled: !r.grantable }));

  return (
    <FormModal<Values>
      name="account"
      title={account ? '编辑账号' : '新增账号'}
      width={520}
      loading={save.isPending}
      initialValues={
        account
          ? {
              username: account.username,
              displayName: account.displayName,
              role: account.role as Role,
              unitId: account.unit.id,
              status: account.status,
            }
          : undefined
      }
      onSubmit={(v) => save.mutate(v)}
      onCancel={onClose}
    >
      <Form.Item
        name="username"
        label="用户名"
        extra={account ? undefined : '3–32 位字母、数字或 _.-，以字母开头；创建后不能修改。'}
        rules={[
          { required: true, message: '请输入用户名' },
          {
            pattern: /^[a-zA-Z][a-zA-Z0-9_.-]{2,31}$/,
            message: '用户名为 3–32 位字母、数字或 _.-，以字母开头',
          },
        ]}
      >
        <Input disabled={Boolean(account)} autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="displayName"
        label="姓名"
        rules={[{ required: true, whitespace: true, min: 2, max: 30, message: '请输入 2–30 字的姓名' }]}
      >
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item name="role" label="角色" rules={[{ required: true, message: '请选择角色' }]}>
        <Select options={roleOptions} loading={roles.isPending} placeholder="请选择角色" />
      </Form.Item>
      <Form.Item name="unitId" label="所属单位" rules={[{ required: true, message: '请选择所属单位' }]}>
        <UnitPicker valueLabel={account?.unit.name} placeholder="输入名称或拼音查找，或展开选择" />
      </Form.Item>
      {account ? (
        <Form.Item name="status" label="状态">
          <Radio.Group
            options={[
              { label: '正常', value: 'active' },
              { label: '停用', value: 'disabled' },
            ]}
          />
        </Form.Item>
      ) : (
        <Form.Item
          name="password"
          label="初始密码"
          extra="可不填：系统将生成一次性初始密码。首次登录须修改。"
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      )}
    </FormModal>
  );
}
