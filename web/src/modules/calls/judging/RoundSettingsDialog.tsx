import { Form, Input, InputNumber, Radio, Select, Switch } from 'antd';
import { ADVANCE_KINDS, AGGREGATIONS, type Round } from '../../../../../common/contracts/judging';
import { FormModal } from '../../../components/FormModal';

export type RoundSettingsValues = {
  name: string;
  judgesPerWork: number;
  maxPerJudge: number | null;
  byCategory: boolean;
  aggregation: 'mean' | 'median' | 'trimmed';
  trimCount: number;
  spreadThreshold: number;
  advanceKind: 'top' | 'cut' | null;
  advanceValue: number | null;
};

const DEFAULTS: RoundSettingsValues = {
  name: '',
  judgesPerWork: 3,
  maxPerJudge: null,
  byCategory: true,
  aggregation: 'mean',
  trimCount: 1,
  spreadThreshold: 20,
  advanceKind: null,
  advanceValue: null,
};

/** A round's settings; while judges score only the spread threshold and the advance rule can change. */
export function RoundSettingsDialog(props: {
  round?: Round;
  defaultName: string;
  loading: boolean;
  onSubmit: (v: RoundSettingsValues) => void;
  onCancel: () => void;
}) {
  const locked = props.round?.status === 'scoring';
  const initial = props.round ?? { ...DEFAULTS, name: props.defaultName };
  return (
    <FormModal<RoundSettingsValues>
      name="round-settings"
      title={props.round ? `修改设置：${props.round.name}` : '新建评审轮次'}
      initialValues={initial}
      onSubmit={(v) =>
        props.onSubmit({
          ...v,
          maxPerJudge: v.maxPerJudge ?? null,
          advanceValue: v.advanceValue ?? null,
          advanceKind: v.advanceKind ?? null,
        })
      }
      onCancel={props.onCancel}
      loading={props.loading}
      width={560}
    >
      <Form.Item name="name" label="轮次名称" rules={[{ required: true, message: '请填写轮次名称' }]}>
        <Input maxLength={60} disabled={locked} placeholder="如：初评、复评、终评" />
      </Form.Item>
      <Form.Item label="分配" style={{ marginBottom: 0 }}>
        <Form.Item
          name="judgesPerWork"
          label="每件作品评委数"
          rules={[{ required: true, message: '请填写' }]}
          style={{ display: 'inline-block', width: 160 }}
        >
          <InputNumber min={1} max={20} disabled={locked} />
        </Form.Item>
        <Form.Item
          name="maxPerJudge"
          label="每位评委最多（空为不限）"
          style={{ display: 'inline-block', width: 200 }}
        >
          <InputNumber min={1} disabled={locked} />
        </Form.Item>
        <Form.Item
          name="byCategory"
          label="按类别分配"
          valuePropName="checked"
          style={{ display: 'inline-block' }}
        >
          <Switch disabled={locked} />
        </Form.Item>
      </Form.Item>
      <Form.Item label="汇总" style={{ marginBottom: 0 }}>
        <Form.Item name="aggregation" style={{ display: 'inline-block', width: 260 }}>
          <Select
            disabled={locked}
            options={Object.entries(AGGREGATIONS).map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
        <Form.Item name="trimCount" label="" style={{ display: 'inline-block', marginLeft: 8 }}>
          <InputNumber min={1} max={5} disabled={locked} addonBefore="各去掉" addonAfter="个" />
        </Form.Item>
      </Form.Item>
      <Form.Item
        name="spreadThreshold"
        label="分差提示阈值（百分制）"
        rules={[{ required: true, message: '请填写' }]}
      >
        <InputNumber min={0} max={100} />
      </Form.Item>
      <Form.Item label="晋级规则" style={{ marginBottom: 0 }}>
        <Form.Item name="advanceKind" style={{ display: 'inline-block' }}>
          <Radio.Group
            options={[
              { value: null, label: '不设' },
              ...Object.entries(ADVANCE_KINDS).map(([value, label]) => ({ value, label })),
            ]}
          />
        </Form.Item>
        <Form.Item name="advanceValue" style={{ display: 'inline-block', width: 140 }}>
          <InputNumber min={0} placeholder="人数或分数" />
        </Form.Item>
      </Form.Item>
    </FormModal>
  );
}
