import { Alert, Button, Form, Input, Typography } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { changePassword, passwordPolicy, type Me } from '../../../common/contracts/auth';
import { call } from '../api/client';

type Values = { currentPassword: string; newPassword: string; confirmPassword: string };

function characterClasses(password: string): number {
  return [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
}

/** Used by the forced change at first sign-in and by 个人设置. */
export function PasswordChangeForm({ onChanged, size }: { onChanged: (me: Me) => void; size?: 'large' }) {
  const [form] = Form.useForm<Values>();
  const policy = useQuery({
    queryKey: ['password-policy'],
    queryFn: () => call(passwordPolicy),
    staleTime: Infinity,
  });
  const mutation = useMutation({
    mutationFn: ({ currentPassword, newPassword }: Values) =>
      call(changePassword, { body: { currentPassword, newPassword } }),
    onSuccess: (me) => {
      form.resetFields();
      onChanged(me);
    },
    meta: { silent: true },
  });

  const rule = policy.data;
  return (
    <Form form={form} layout="vertical" size={size} requiredMark={false} onFinish={(v) => mutation.mutate(v)}>
      {mutation.error && (
        <Alert type="error" showIcon title={mutation.error.message} style={{ marginBottom: 16 }} />
      )}
      {rule && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 16 }}>
          密码规则：{rule.description}
        </Typography.Paragraph>
      )}
      <Form.Item
        name="currentPassword"
        label="当前密码"
        rules={[{ required: true, message: '请输入当前密码' }]}
      >
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label="新密码"
        rules={[
          { required: true, message: '请输入新密码' },
          {
            validator: async (_, value: string | undefined) => {
              if (!value || !rule) return;
              if (value.length < rule.minLength || characterClasses(value) < rule.minClasses) {
                throw new Error(`新密码不符合规则：${rule.description}`);
              }
            },
          },
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirmPassword"
        label="确认新密码"
        dependencies={['newPassword']}
        rules={[
          { required: true, message: '请再次输入新密码' },
          ({ getFieldValue }) => ({
            validator: async (_, value: string | undefined) => {
              if (value && value !== getFieldValue('newPassword')) throw new Error('两次输入的新密码不一致');
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={mutation.isPending} block={size === 'large'}>
        修改密码
      </Button>
    </Form>
  );
}
