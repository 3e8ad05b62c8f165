import { Alert, Form, Input } from 'antd';
import { useMutation } from '@tanstack/react-query';
import {
  NOTICE_SECTIONS,
  publishPrivacyNotice,
  type NoticeSectionsInput,
} from '../../../../common/contracts/privacy';
import { call } from '../../api/client';
import { FormModal } from '../../components/FormModal';

type Values = { title: string; sections: NoticeSectionsInput };

const ROWS: Record<keyof NoticeSectionsInput, number> = {
  controller: 2,
  purpose: 6,
  categories: 6,
  retention: 3,
  rights: 5,
  contact: 2,
};

/**
 * 发布新版本: starts from the latest version (or the national template) and publishes it as the next
 * version; the earlier one stays, since consents given under it still point at it.
 */
export function NoticeDialog({
  start,
  fromTemplate,
  onClose,
  onPublished,
}: {
  start: Values;
  fromTemplate: boolean;
  onClose: () => void;
  onPublished: (version: number) => void;
}) {
  const publish = useMutation({
    mutationFn: (v: Values) => call(publishPrivacyNotice, { body: v }),
    onSuccess: (n) => onPublished(n.version),
  });
  return (
    <FormModal<Values>
      name="privacy-notice"
      title="发布个人信息处理规则新版本"
      width={760}
      initialValues={start}
      onSubmit={(v) => publish.mutate(v)}
      onCancel={onClose}
      loading={publish.isPending}
      okText="发布"
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={
          fromTemplate
            ? '以下为国家模板，请按本单位实际情况修改，并把“【请填写】”替换为实际内容后发布。'
            : '以下为当前版本的内容。发布后成为新版本，公开页面立即改用新版本；已有的同意记录仍指向当时的版本。'
        }
      />
      <Form.Item
        name="title"
        label="标题"
        rules={[{ required: true, whitespace: true, message: '请填写标题' }]}
      >
        <Input maxLength={100} />
      </Form.Item>
      {(Object.keys(NOTICE_SECTIONS) as (keyof NoticeSectionsInput)[]).map((key) => (
        <Form.Item
          key={key}
          name={['sections', key]}
          label={NOTICE_SECTIONS[key]}
          rules={[{ required: true, whitespace: true, message: `请填写${NOTICE_SECTIONS[key]}` }]}
        >
          <Input.TextArea
            autoSize={{ minRows: ROWS[key], maxRows: 12 }}
            maxLength={key === 'controller' || key === 'contact' ? 200 : 2000}
          />
        </Form.Item>
      ))}
    </FormModal>
  );
}
