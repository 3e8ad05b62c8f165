import { Alert, Button, Flex, Form, Input, Spin, Typography } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { totpEnable, totpSetup, type Me } from '../../../common/contracts/auth';
import { call } from '../api/client';

/** Groups of four, the way authenticator apps print keys: easier to type by hand. */
function groupSecret(secret: string) {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

export function TotpEnrolForm({ onEnabled, size }: { onEnabled: (me: Me) => void; size?: 'large' }) {
  // A query, not an effect: a POST in an effect would run twice under StrictMode and mint two keys.
  const setup = useQuery({
    queryKey: ['totp-setup'],
    queryFn: () => call(totpSetup),
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
    meta: { silent: true },
  });
  const enable = useMutation({
    mutationFn: (code: string) => call(totpEnable, { body: { code } }),
    onSuccess: onEnabled,
    meta: { silent: true },
  });

  if (setup.isPending) return <Spin />;
  if (setup.error) return <Alert type="error" showIcon title={setup.error.message} />;
  const { qrDataUrl, secret } = setup.data;
  return (
    <div>
      <Flex gap={20} align="center" style={{ marginBottom: 16 }}>
        <img
          src={qrDataUrl}
          alt="双因素认证二维码"
          width={148}
          height={148}
          style={{ border: '1px solid #eee', borderRadius: 4, flex: 'none' }}
        />
        <div>
          <Typography.Paragraph style={{ marginBottom: 8 }}>
            1. 用手机上的身份验证器应用扫描左侧二维码；无法扫码时，手动输入密钥：
          </Typography.Paragraph>
          <Typography.Text code copyable={{ text: secret, tooltips: ['复制密钥', '已复制'] }}>
            <span data-testid="totp-secret">{groupSecret(secret)}</span>
          </Typography.Text>
          <Typography.Paragraph style={{ margin: '8px 0 0' }}>
            2. 输入应用中显示的 6 位动态口令完成绑定。
          </Typography.Paragraph>
        </div>
      </Flex>
      {enable.error && (
        <Alert type="error" showIcon title={enable.error.message} style={{ marginBottom: 16 }} />
      )}
      <Form
        layout="vertical"
        size={size}
        requiredMark={false}
        onFinish={(v: { code: string }) => enable.mutate(v.code)}
      >
        <Form.Item
          name="code"
          label="动态口令"
          rules={[{ required: true, pattern: /^\d{6}$/, message: '请输入 6 位数字动态口令' }]}
        >
          <Input maxLength={6} inputMode="numeric" autoComplete="one-time-code" placeholder="6 位数字" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={enable.isPending} block={size === 'large'}>
          启用
        </Button>
      </Form>
    </div>
  );
}
