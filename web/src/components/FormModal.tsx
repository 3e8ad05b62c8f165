import type { ReactNode } from 'react';
import { Form, Modal } from 'antd';

type Props<V> = {
  /** Form name: prefixes the inputs' ids, so labels stay unique beside the page's query form. */
  name: string;
  title: string;
  open?: boolean;
  initialValues?: Partial<V>;
  onSubmit: (values: V) => void;
  onCancel: () => void;
  loading?: boolean;
  okText?: string;
  width?: number;
  children: ReactNode;
};

/** A dialog that is one form: Enter submits, 确定 validates first, closing forgets the input. */
export function FormModal<V extends object>({
  name,
  title,
  open = true,
  initialValues,
  onSubmit,
  onCancel,
  loading,
  okText,
  width,
  children,
}: Props<V>) {
  return (
    <Modal
      open={open}
      title={title}
      width={width}
      okText={okText}
      onCancel={onCancel}
      okButtonProps={{ htmlType: 'submit', loading }}
      destroyOnHidden
      modalRender={(dom) => (
        <Form<V>
          name={name}
          layout="vertical"
          initialValues={initialValues}
          onFinish={onSubmit}
          clearOnDestroy
        >
          {dom}
        </Form>
      )}
    >
      {children}
    </Modal>
  );
}
