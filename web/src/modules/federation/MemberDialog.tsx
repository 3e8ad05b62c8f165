import { useState } from 'react';
import { Alert, Checkbox, Form, Input, Radio, Select, Space, Typography } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import {
  ADMISSION_BASES,
  MEMBER_ORIGINS,
  createMember,
  societyOptions,
  type SocietyRef,
} from '../../../../common/contracts/federation';
import { todayInChina } from '../../../../common/validators';
import { call } from '../../api/client';
import { useViewer } from '../../app/session';
import { FormModal } from '../../components/FormModal';
import { UnitPicker } from '../../components/UnitPicker';
import { useDebounced } from '../../components/useDebounced';
import { DateText, SocietyTags } from './federationUi';

type Values = {
  unitId: number;
  mode: 'society' | 'name';
  societyId?: number;
  name?: string;
  declaredRegistered?: boolean;
  origin: 'recommended' | 'applied';
  onDate: string;
  note?: string;
};

/** Whether a society may be admitted (seed 003 §三.5), said before the procedure starts. */
export function BasisNote({ society }: { society: SocietyRef }) {
  if (society.basis) {
    return <Alert type="success" showIcon title={`吸纳条件：${ADMISSION_BASES[society.basis]}`} />;
  }
  return (
    <Alert
      type="warning"
      showIcon
      title="尚未注册，暂不具备吸纳条件"
      description={
        <span>
          未在民政部门注册、且不是统战、网信、文联、作协等主导成立或团属的青年社团，按中青联发〔2021〕5号暂不吸纳为会员团体；可为其
          <Link to={`/societies/${society.id}`}>登记青联委员推荐名额</Link>，与青联保持相对紧密联系。
        </span>
      }
    />
  );
}

function SocietyField({ onPicked }: { onPicked: (s: SocietyRef | undefined) => void }) {
  const [text, setText] = useState('');
  const q = useDebounced(text.trim());
  const options = useQuery({
    queryKey: ['federation', 'society-options', q],
    queryFn: () => call(societyOptions, { query: { q: q || undefined } }),
  });
  const items = options.data?.items ?? [];
  return (
    <Form.Item name="societyId" label="青年社团" rules={[{ required: true, message: '请选择青年社团' }]}>
      <Select
        showSearch={{ searchValue: text, onSearch: setText, filterOption: false }}
        placeholder="输入社团名称、拼音或首字母"
        loading={options.isFetching}
        notFoundContent={options.isFetching ? '加载中…' : '没有匹配的青年社团'}
        onChange={(id) => onPicked(items.find((s) => s.id === id))}
        options={items.map((s) => ({
          value: s.id,
          title: s.name,
          label: (
            <Space size={4}>
              <span>{s.name}</span>
              <SocietyTags society={s} />
            </Space>
          ),
        }))}
      />
    </Form.Item>
  );
}

function Fields() {
  const mode = Form.useWatch<Values['mode']>('mode');
  const [picked, setPicked] = useState<SocietyRef>();
  return (
    <>
      <Form.Item
        name="unitId"
        label="青联（市或县）"
        rules={[{ required: true, message: '请选择青联所在的市或县' }]}
      >
        <UnitPicker placeholder="请选择地级市或县（市、区、旗）" />
      </Form.Item>
      <Form.Item name="mode" label="团体来源">
        <Radio.Group
          options={[
            { value: 'society', label: '从青年社团名录中选择' },
            { value: 'name', label: '名录外的已注册团体' },
          ]}
        />
      </Form.Item>
      {mode === 'name' ? (
        <>
          <Form.Item
            name="name"
            label="团体名称"
            rules={[{ required: true, whitespace: true, message: '请填写团体名称' }]}
          >
            <Input maxLength={100} placeholder="如：南昌市青年企业家协会" />
          </Form.Item>
          <Form.Item
            name="declaredRegistered"
            valuePropName="checked"
            rules={[
              {
                validator: (_, v) =>
                  v ? Promise.resolve() : Promise.reject(new Error('请确认该团体已在民政部门登记注册')),
              },
            ]}
          >
            <Checkbox>该团体已在民政部门登记注册（未注册的青年社团请先在“青年社团”中登记）</Checkbox>
          </Form.Item>
        </>
      ) : (
        <>
          <SocietyField onPicked={setPicked} />
          {picked && (
            <div style={{ marginBottom: 16 }}>
              <BasisNote society={picked} />
            </div>
          )}
        </>
      )}
      <Space size={24} align="start">
        <Form.Item name="origin" label="方式">
          <Radio.Group options={Object.entries(MEMBER_ORIGINS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item
          name="onDate"
          label="推荐或申请日期"
          rules={[{ required: true, message: '请选择日期' }]}
          style={{ width: 200 }}
        >
          <DateText />
        </Form.Item>
      </Space>
      <Form.Item name="note" label="说明">
        <Input.TextArea rows={2} maxLength={500} showCount placeholder="推荐单位、申请理由等" />
      </Form.Item>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        之后依次记录资格审查、常委会审议和吸纳；每一步可上传推荐函、审查意见、会议纪要等文件。
      </Typography.Paragraph>
    </>
  );
}

/** 推荐或申请入会: the first step of a membership. */
export function MemberDialog({ onSaved, onClose }: { onSaved: (id: number) => void; onClose: () => void }) {
  const me = useViewer();
  const save = useMutation({
    mutationFn: (v: Values) =>
      call(createMember, {
        body: {
          unitId: v.unitId,
          societyId: v.mode === 'society' ? v.societyId : null,
          name: v.mode === 'name' ? v.name : null,
          declaredRegistered: v.mode === 'name' ? Boolean(v.declaredRegistered) : undefined,
          origin: v.origin,
          onDate: v.onDate,
          note: v.note || null,
        },
      }),
    onSuccess: (d) => onSaved(d.id),
  });
  const local = me.unit.level === 'city' || me.unit.level === 'county';
  return (
    <FormModal<Values>
      name="federation-member"
      title="推荐或申请加入青联"
      width={640}
      loading={save.isPending}
      initialValues={{
        unitId: local ? me.unit.id : undefined,
        mode: 'society',
        origin: 'applied',
        onDate: todayInChina(),
      }}
      onSubmit={(v) => save.mutate(v)}
      onCancel={onClose}
    >
      <Fields />
    </FormModal>
  );
}
