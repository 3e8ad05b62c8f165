import { useState } from 'react';
import { Form, Input, Radio, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { setMentorAccount, type MentorDetail } from '../../../../common/contracts/mentors';
import { call } from '../../api/client';
import { FormModal } from '../../components/FormModal';
import { InitialPasswordModal } from '../accounts/InitialPasswordModal';

type Values = { mode: 'create' | 'link'; username: string };

/** 开通导师账号: a new 梦想导师 account (one-time password shown once), or link an existing one. */
export function AccountDialog({
  mentor,
  onDone,
  onClose,
}: {
  mentor: MentorDetail;
  onDone: () => void;
  onClose: () => void;
}) {
  const [shown, setShown] = useState<{ username: string; password: string } | null>(null);
  const save = useMutation({
    mutationFn: (v: Values) =>
      call(setMentorAccount, {
        params: { id: mentor.id },
        body: { mode: v.mode, username: v.username.trim(), version: mentor.version },
      }),
    onSuccess: (r, v) => {
      onDone();
      if (r.initialPassword)
        setShown({ username: v.username.trim().toLowerCase(), password: r.initialPassword });
      else onClose();
    },
  });
  if (shown)
    return <InitialPasswordModal username={shown.username} password={shown.password} onClose={onClose} />;
  return (
    <FormModal<Values>
      name="mentor-account"
      title={`为「${mentor.name}」开通导师账号`}
      width={520}
      loading={save.isPending}
      initialValues={{ mode: 'create' }}
      onSubmit={(v) => save.mutate(v)}
      onCancel={onClose}
    >
      <Typography.Paragraph type="secondary">
        导师用此账号登录后，只能看到自己结对的培养对象并填写指导记录，看不到青年库和其他数据。
      </Typography.Paragraph>
      <Form.Item name="mode" label="方式">
        <Radio.Group
          options={[
            { label: '新建账号', value: 'create' },
            { label: '关联已有的梦想导师账号', value: 'link' },
          ]}
        />
      </Form.Item>
      <Form.Item
        name="username"
        label="用户名"
        rules={[
          { required: true, whitespace: true, message: '请填写用户名' },
          {
            pattern: /^[a-zA-Z][a-zA-Z0-9_.-]{2,31}$/,
            message: '用户名为 3–32 位字母、数字或 _.-，以字母开头',
          },
        ]}
      >
        <Input maxLength={32} autoComplete="off" placeholder="如 mentor_zhang" />
      </Form.Item>
    </FormModal>
  );
}
