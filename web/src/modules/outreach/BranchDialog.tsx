import { useState } from 'react';
import { App, Col, DatePicker, Form, Input, Radio, Row, Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { listContactPoints } from '../../../../common/contracts/outreach';
import {
  BRANCH_KINDS,
  createBranch,
  listBranchSocieties,
  updateBranch,
  type BranchDetail,
} from '../../../../common/contracts/outreach-branches';
import { call, isVersionConflict } from '../../api/client';
import { FormModal } from '../../components/FormModal';
import { UnitPicker } from '../../components/UnitPicker';
import { useDebounced } from '../../components/useDebounced';

type Kind = (typeof BRANCH_KINDS)[number];
type PlaceType = 'contactPoint' | 'society' | 'host';
type Values = {
  kind: Kind;
  name: string;
  placeType: PlaceType;
  contactPointId?: number;
  societyId?: number;
  host?: string;
  unitId?: number;
  establishedOn: Dayjs;
  remark?: string;
};

type Known = { id: number; name: string } | null | undefined;

/** A searchable select over one of the scope's registers (联系点 or 青年社团). */
function PlaceSelect({
  id,
  value,
  onChange,
  known,
  kind,
}: {
  id?: string;
  value?: number;
  onChange?: (v: number | undefined) => void;
  known: Known;
  kind: 'contactPoint' | 'society';
}) {
  const [text, setText] = useState('');
  const q = useDebounced(text.trim());
  const found = useQuery({
    queryKey: ['outreach', 'places', kind, q],
    queryFn: async () =>
      kind === 'contactPoint'
        ? (
            await call(listContactPoints, {
              query: { q: q || undefined, active: 'true', pageSize: 30, sort: 'name' },
            })
          ).items.map((p) => ({ value: p.id, label: `${p.name}（${p.kind}，${p.unit.name}）` }))
        : (await call(listBranchSocieties, { query: { q: q || undefined } })).items.map((s) => ({
            value: s.id,
            label: `${s.name}（${s.unit}）`,
          })),
  });
  const options = found.data ?? [];
  if (value !== undefined && !options.some((o) => o.value === value) && known?.id === value) {
    options.unshift({ value, label: known.name });
  }
  const what = kind === 'contactPoint' ? '联系点' : '青年社团';
  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      showSearch={{ filterOption: false, onSearch: setText }}
      placeholder={`输入名称查找${what}`}
      options={options}
      loading={found.isFetching}
      notFoundContent={found.isFetching ? '查找中…' : `本单位及下级没有匹配的${what}`}
    />
  );
}

/** 新建 or 修改 a League organisation: where it sits (one of three), its unit, kind and date. */
export function BranchDialog({
  branch,
  atContactPoint,
  onSaved,
  onClose,
}: {
  branch?: BranchDetail;
  /** Set up from a contact point's page: that place, preselected. */
  atContactPoint?: { id: number; name: string };
  onSaved: (id: number) => void;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const initial: Partial<Values> = branch
    ? {
        kind: branch.kind as Kind,
        name: branch.name,
        placeType: branch.contactPoint ? 'contactPoint' : branch.society ? 'society' : 'host',
        contactPointId: branch.contactPoint?.id,
        societyId: branch.society?.id,
        host: branch.host ?? undefined,
        unitId: branch.unit.id,
        establishedOn: dayjs(branch.establishedOn),
        remark: branch.remark ?? undefined,
      }
    : {
        kind: '流动团支部',
        placeType: 'contactPoint',
        contactPointId: atContactPoint?.id,
        name: atContactPoint ? `${atContactPoint.name}流动团支部` : undefined,
      };

  const submit = async (v: Values) => {
    setSaving(true);
    const fields = {
      kind: v.kind,
      name: v.name,
      contactPointId: v.placeType === 'contactPoint' ? v.contactPointId : null,
      societyId: v.placeType === 'society' ? v.societyId : null,
      host: v.placeType === 'host' ? v.host : null,
      unitId: v.unitId,
      establishedOn: v.establishedOn.format('YYYY-MM-DD'),
      remark: v.remark || null,
    };
    try {
      const saved = branch
        ? await call(updateBranch, {
            params: { id: branch.id },
            body: { ...fields, version: branch.version },
          })
        : await call(createBranch, { body: fields });
      message.success(branch ? '已保存' : `已建立：${saved.name}`);
      onSaved(saved.id);
    } catch (e) {
      message.error(
        isVersionConflict(e)
          ? '该团组织已被他人修改，请关闭后刷新再编辑'
          : e instanceof Error
            ? e.message
            : '保存失败',
      );
    } finally {
      setSaving(false);
    }
  };

  return (
    <FormModal<Values>
      name="league-branch"
      title={branch ? '修改团组织' : '建立团组织'}
      width={720}
      initialValues={initial}
      onSubmit={(v) => void submit(v)}
      onCancel={onClose}
      loading={saving}
      okText="保存"
    >
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name="kind" label="类型" rules={[{ required: true, message: '请选择团组织类型' }]}>
            <Select options={BRANCH_KINDS.map((k) => ({ value: k, label: k }))} />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item
            name="name"
            label="团组织名称"
            rules={[{ required: true, whitespace: true, min: 2, message: '请填写团组织名称（至少 2 个字）' }]}
          >
            <Input maxLength={100} placeholder="如：某某快递东湖营业部流动团支部" />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="placeType" label="所在位置">
            <Radio.Group
              options={[
                { value: 'contactPoint', label: '联系点' },
                { value: 'society', label: '青年社团' },
                { value: 'host', label: '其他依托单位' },
              ]}
            />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item noStyle dependencies={['placeType']}>
            {({ getFieldValue }) => {
              const placeType = getFieldValue('placeType') as PlaceType;
              return placeType === 'society' ? (
                <Form.Item
                  name="societyId"
                  label="青年社团"
                  rules={[{ required: true, message: '请选择青年社团' }]}
                >
                  <PlaceSelect kind="society" known={branch?.society} />
                </Form.Item>
              ) : placeType === 'host' ? (
                <Form.Item
                  name="host"
                  label="依托单位名称"
                  rules={[{ required: true, whitespace: true, message: '请填写依托单位名称' }]}
                >
                  <Input maxLength={100} placeholder="如：某某网约车司机之家" />
                </Form.Item>
              ) : (
                <Form.Item
                  name="contactPointId"
                  label="联系点"
                  rules={[{ required: true, message: '请选择联系点' }]}
                >
                  <PlaceSelect kind="contactPoint" known={branch?.contactPoint ?? atContactPoint} />
                </Form.Item>
              );
            }}
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item
            name="unitId"
            label="所属单位"
            extra={branch ? undefined : '不选时为所在联系点或社团的登记单位（依托单位时为本单位）'}
          >
            <UnitPicker valueLabel={branch?.unit.name} placeholder="默认：所在联系点或社团的登记单位" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item
            name="establishedOn"
            label="成立日期"
            rules={[{ required: true, message: '请选择成立日期' }]}
          >
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="remark" label="备注">
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}
