import { Alert, Button, Flex, Modal, Typography } from 'antd';

type Props = { username: string; password: string; onClose: () => void };

/** Shown once: the server keeps only the hash, so this is the only time anyone can read it. */
export function InitialPasswordModal({ username, password, onClose }: Props) {
  return (
    <Modal
      open
      title="初始密码"
      onCancel={onClose}
      footer={
        <Button type="primary" onClick={onClose}>
          我已记下
        </Button>
      }
    >
      <Typography.Paragraph>账号 {username} 的一次性初始密码：</Typography.Paragraph>
      <Flex
        align="center"
        justify="center"
        gap={12}
        style={{ padding: '16px 0', marginBottom: 16, background: '#fafafa', borderRadius: 4 }}
      >
        <Typography.Text
          copyable={{ text: password, tooltips: ['复制', '已复制'] }}
          style={{ fontSize: 22, fontFamily: 'Consolas, Menlo, monospace', letterSpacing: 1 }}
        >
          <span data-testid="initial-password">{password}</span>
        </Typography.Text>
      </Flex>
      <Alert
        type="warning"
        showIcon
        title="此密码只显示这一次。请通过安全渠道告知本人；首次登录须修改为自己的密码。"
      />
    </Modal>
  );
}
