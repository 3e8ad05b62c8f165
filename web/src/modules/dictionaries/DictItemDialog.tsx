import { Form, Input, InputNumber, Select } from 'antd';
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
type Values = { label: string; aliases?: string[]; sortOrder?: number };

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
        ? call(createDictItem, {
            params: { type },
            body: { label: v.label, parentId: edit.parent?.id, aliases: v.aliases ?? [] },
          })
        : call(updateDictItem, {
            params: { id: edit.item.id },
            body: {
              version: edit.item.version,
              label: v.label,
              aliases: v.aliases ?? [],
              sortOrder: v.sortOrder,
            },
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
        edit.mode === 'edit'
          ? { label: edit.item.label, aliases: edit.item.aliases, sortOrder: edit.item.sortOrder }
          : undefined
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
      <Form.Item
        name="aliases"
        label="别名"
        extra="花名册里常见的其他写法，如“本科”之于“大学本科”。导入时写成别名的值按名称保存，不算问题；不区分全角半角、空格和大小写。别名不能与本字典其他项的名称或别名相同。"
        rules={[
          {
            validator: (_, value?: string[]) =>
              (value ?? []).some((a) => a.trim().length > 30)
                ? Promise.reject(new Error('每个别名最多 30 个字'))
                : Promise.resolve(),
          },
        ]}
      >
        <Select
          mode="tags"
          open={false}
          suffixIcon={null}
          tokenSeparators={[',', '，', '、', ';', '；']}
          placeholder="输入后按回车添加，可添加多个"
          aria-label="别名"
        />
      </Form.Item>
      {edit.mode === 'edit' && (
        <Form.Item name="sortOrder" label="排序" extra="数字小的排在前面。">
          <InputNumber precision={0} style={{ width: '100%' }} />
        </Form.Item>
      )}
    </FormModal>
  );
}
