import { Card, Flex, Switch, Table, Tag, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { PERMISSIONS, type Permission, type Role } from '../../../../common/access';
import { updateRoleSettings, type roleInfo } from '../../../../common/contracts/accounts';
import { call } from '../../api/client';
import { feedback } from '../../app/feedback';
import { ROLES_KEY, useRoles } from '../accounts/useRoles';

type RoleInfo = z.infer<typeof roleInfo>;

export function RolesPage() {
  const queryClient = useQueryClient();
  const roles = useRoles();
  const save = useMutation({
    mutationFn: ({ role, requireTotp }: { role: string; requireTotp: boolean }) =>
      call(updateRoleSettings, { params: { role: role as Role }, body: { requireTotp } }),
    onSuccess: (r) =>
      feedback.message.success(
        `${r.label}：${r.requireTotp ? '已要求启用双因素认证' : '已取消双因素认证要求'}`,
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ROLES_KEY }),
  });

  return (
    <Card size="small" title="角色与安全">
      <Typography.Paragraph type="secondary">
        角色决定能做什么，所属单位决定能看到哪些数据（本级及下级）。可以查看完整个人信息或导出未脱敏数据的角色，应要求启用双因素认证；
        开启后，该角色的用户下次登录时须先绑定动态口令。
      </Typography.Paragraph>
      <Table<RoleInfo>
        rowKey="key"
        size="middle"
        loading={roles.isFetching}
        dataSource={roles.data}
        pagination={false}
        columns={[
          { key: 'label', title: '角色', dataIndex: 'label', width: 120 },
          {
            key: 'permissions',
            title: '权限',
            render: (_, r) =>
              r.permissions.length ? (
                <Flex wrap gap={4}>
                  {r.permissions.map((p) => (
                    <Tag key={p} style={{ marginInlineEnd: 0 }}>
                      {PERMISSIONS[p as Permission]}
                    </Tag>
                  ))}
                </Flex>
              ) : (
                <Typography.Text type="secondary">仅限本人业务（不含管理权限）</Typography.Text>
              ),
          },
          {
            key: 'requireTotp',
            title: '必须启用双因素认证',
            width: 170,
            render: (_, r) => (
              <Switch
                checked={r.requireTotp}
                checkedChildren="必须"
                unCheckedChildren="可选"
                loading={save.isPending && save.variables?.role === r.key}
                onChange={(requireTotp) => save.mutate({ role: r.key, requireTotp })}
              />
            ),
          },
        ]}
      />
    </Card>
  );
}
