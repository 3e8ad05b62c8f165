import { useState } from 'react';
import { Alert, Button, Card, Col, Descriptions, Flex, Form, Input, Row, Space, Tag, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { totpDisable } from '../../../../common/contracts/auth';
import { call } from '../../api/client';
import { feedback } from '../../app/feedback';
import { useSetMe, useViewer } from '../../app/session';
import { FormModal } from '../../components/FormModal';
import { PasswordChangeForm } from '../../components/PasswordChangeForm';
import { TotpEnrolForm } from '../../components/TotpEnrolForm';

function TotpCard() {
  const me = useViewer();
  const setMe = useSetMe();
  const [enrolling, setEnrolling] = useState(false);
  const [disabling, setDisabling] = useState(false);
  const disable = useMutation({
    mutationFn: (v: { password: string }) => call(totpDisable, { body: v }),
    onSuccess: (next) => {
      setMe(next);
      setDisabling(false);
      feedback.message.success('已关闭双因素认证');
    },
  });

  return (
    <Card size="small" title="双因素认证">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <div>
          当前状态：{me.totpEnabled ? <Tag color="green">已启用</Tag> : <Tag>未启用</Tag>}
          {me.totpRequired && <Tag color="red">您的角色要求启用</Tag>}
        </div>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          启用后，登录时除密码外还需输入手机身份验证器应用上的 6 位动态口令。
        </Typography.Paragraph>
        {!me.totpEnabled && !enrolling && (
          <Button type="primary" onClick={() => setEnrolling(true)}>
            启用双因素认证
          </Button>
        )}
        {!me.totpEnabled && enrolling && (
          <TotpEnrolForm
            onEnabled={(next) => {
              setMe(next);
              setEnrolling(false);
              feedback.message.success('已启用双因素认证');
            }}
          />
        )}
        {me.totpEnabled &&
          (me.totpRequired ? (
            <Alert type="info" showIcon title="您的角色要求启用双因素认证，不能关闭。" />
          ) : (
            <Button danger onClick={() => setDisabling(true)}>
              关闭双因素认证
            </Button>
          ))}
      </Space>
      {disabling && (
        <FormModal<{ password: string }>
          name="totp-disable"
          title="关闭双因素认证"
          okText="关闭"
          loading={disable.isPending}
          onSubmit={(v) => disable.mutate(v)}
          onCancel={() => setDisabling(false)}
        >
          <Form.Item
            name="password"
            label="请输入登录密码确认"
            rules={[{ required: true, message: '请输入密码' }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
        </FormModal>
      )}
    </Card>
  );
}

export function ProfilePage() {
  const me = useViewer();
  const setMe = useSetMe();
  return (
    <Row gutter={16}>
      <Col xs={24} xl={12}>
        <Flex vertical gap={16}>
          <Card size="small" title="个人信息">
            <Descriptions
              size="small"
              column={1}
              items={[
                { key: 'username', label: '用户名', children: me.username },
                { key: 'name', label: '姓名', children: me.displayName },
                { key: 'role', label: '角色', children: me.roleLabel },
                { key: 'unit', label: '所属单位', children: me.unit.orgName },
              ]}
            />
          </Card>
          <TotpCard />
        </Flex>
      </Col>
      <Col xs={24} xl={12}>
        <Card size="small" title="修改密码">
          <PasswordChangeForm
            onChanged={(next) => {
              setMe(next);
              feedback.message.success('密码已修改，您在其他设备上的登录已全部退出');
            }}
          />
        </Card>
      </Col>
    </Row>
  );
}
