import { Form, Input, InputNumber } from 'antd';
import { useMutation } from '@tanstack/react-query';
import {
  createDictItem,
  updateDictItem,
  type DictionaryType,
  type DictItem,
} from '../../../../common/contracts/dictionaries';
import { call, isVersionConflict } from '../../api/client';
import { FormModal } from '../../components/FormModal';

export type DictEdit = { mode: 'create'; parent?: DictItem } | { mode: 'edit'; item: DictItem };
type Values = { label: string; sortOrder?: number };

type Props = {
  type: DictionaryType;
  edit: DictEdit;
  onDone: () => void;
  /** The item changed meanwhile: close and reload, so the next edit starts from its new state. */
  onStale: () => void;
  onClose: () => void;
};

export function DictItemDialog({ type, edit, onDone, onStale, onClose }: Props) {
  const save = useMutation({
    mutationFn: (v: Values) =>
      edit.mode === 'create'
        ? call(createDictItem, { params: { type }, body: { label: v.label, parentId: edit.parent?.id } })
        : call(updateDictItem, {
            params: { id: edit.item.id },
            body: { version: edit.item.version, label: v.label, sortOrder: v.sortOrder },
          }),
    onSuccess: onDone,
    onError: (e) => isVersionConflict(e) && onStale(),
  });
  const title =
    edit.mode === 'edit' ? '修改字典项' : edit.parent ? `在“${edit.parent.label}”下新增子类` : '新增字典项';
  return (
    <FormModal<Values>
      name="dict-item"
      title={title}
      loading={save.isPending}
      initialValues={
        edit.mode === 'edit' ? { label: edit.item.label, sortOrder: edit.item.sortOrder } : undefined
      }
      onSubmit={(v) => save.mutate(v)}
      onCancel={onClose}
    >
      <Form.Item
        name="label"
        label="名称"
        rules={[{ required: true, whitespace: true, max: 30, message: '请输入 1–30 字的名称' }]}
      >
        <Input />
      </Form.Item>
      {edit.mode === 'edit' && (
        <Form.Item name="sortOrder" label="排序" extra="数字小的排在前面。">
          <InputNumber precision={0} style={{ width: '100%' }} />
        </Form.Item>
      )}
    </FormModal>
  );
}
