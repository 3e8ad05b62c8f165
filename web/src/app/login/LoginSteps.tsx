import { Alert, Button, Form, Input } from 'antd';
import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { login, verifyTotp } from '../../../../common/contracts/auth';
import { call } from '../../api/client';
import { ME_KEY, useSetMe } from '../session';

type Credentials = { username: string; password: string };

/** The form has no `name`, so the inputs' ids are plain `username` / `password`. */
export function PasswordStep({ notice }: { notice?: string }) {
  const setMe = useSetMe();
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: (body: Credentials) => call(login, { body }),
    onSuccess: (me) => {
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
      setMe(me);
    },
    meta: { silent: true },
  });
  const error = mutation.error?.message;
  return (
    <Form
      layout="vertical"
      size="large"
      requiredMark={false}
      onFinish={(v: Credentials) => mutation.mutate(v)}
    >
      {(error || notice) && (
        <Alert
          type={error ? 'error' : 'warning'}
          showIcon
          title={error ?? notice}
          style={{ marginBottom: 20 }}
        />
      )}
      <Form.Item name="username" label="用户名" rules={[{ required: true, message: '请输入用户名' }]}>
        <Input prefix={<UserOutlined />} autoComplete="username" autoFocus placeholder="请输入用户名" />
      </Form.Item>
      <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
        <Input.Password prefix={<LockOutlined />} autoComplete="current-password" placeholder="请输入密码" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={mutation.isPending} style={{ marginTop: 8 }}>
        登录
      </Button>
    </Form>
  );
}

export function TotpStep() {
  const setMe = useSetMe();
  const mutation = useMutation({
    mutationFn: (code: string) => call(verifyTotp, { body: { code } }),
    onSuccess: setMe,
    meta: { silent: true },
  });
  return (
    <Form
      layout="vertical"
      size="large"
      requiredMark={false}
      onFinish={(v: { code: string }) => mutation.mutate(v.code)}
    >
      {mutation.error && (
        <Alert type="error" showIcon title={mutation.error.message} style={{ marginBottom: 20 }} />
      )}
      <Form.Item
        name="code"
        label="动态口令"
        extra="请打开手机上的身份验证器应用，输入显示的 6 位数字。"
        rules={[{ required: true, pattern: /^\d{6}$/, message: '请输入 6 位数字动态口令' }]}
      >
        <Input
          prefix={<SafetyOutlined />}
          maxLength={6}
          inputMode="numeric"
          autoComplete="one-time-code"
          autoFocus
          placeholder="6 位数字"
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={mutation.isPending}>
        验证
      </Button>
    </Form>
  );
}
