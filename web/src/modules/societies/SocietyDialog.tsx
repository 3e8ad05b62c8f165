import { Button, Col, DatePicker, Flex, Form, Input, InputNumber, Radio, Row, Select, Switch } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import {
  ACTIVITY_LEVELS,
  BUILT_WITH_SUGGESTIONS,
  SOCIETY_KINDS,
  SOCIETY_STATUSES,
  createSociety,
  listSocietyCadres,
  updateSociety,
  type SocietyDetail,
  type SocietyFields,
  type SocietyKind,
} from '../../../../common/contracts/societies';
import { parseCreditCode } from '../../../../common/validators';
import { call } from '../../api/client';
import { useViewer } from '../../app/session';
import { FormModal } from '../../components/FormModal';
import { UnitPicker } from '../../components/UnitPicker';
import { idOptions, useDictionary } from '../youth/useDictionary';
import { YMD, YouthSelect } from './societiesUi';

type Values = Omit<SocietyFields, 'registeredOn' | 'onlineAccounts'> & {
  registeredOn?: Dayjs | null;
  onlineAccounts?: { platform: string; handle: string; followers?: number | null }[];
};

const KIND_HELP: Record<SocietyKind, string> = {
  registered: '已在民政部门登记的社会组织，须填写登记信息',
  unregistered: '未正式注册但有一定活跃度的青年自组织',
  community: '线上线下的青年社群，如兴趣群、粉丝社群',
};

/** 登记机关、统一社会信用代码、登记日期: shown, and required, only for a registered organisation. */
function RegistrationFields() {
  const form = Form.useFormInstance<Values>();
  const kind = Form.useWatch('kind', form);
  if (kind !== 'registered') return null;
  return (
    <>
      <Col span={8}>
        <Form.Item
          name="registrationAuthority"
          label="登记机关"
          rules={[{ required: true, whitespace: true, message: '请填写登记机关' }]}
        >
          <Input maxLength={100} placeholder="如：南昌市民政局" />
        </Form.Item>
      </Col>
      <Col span={8}>
        <Form.Item
          name="creditCode"
          label="统一社会信用代码"
          rules={[
            { required: true, message: '请填写统一社会信用代码' },
            {
              validator: async (_, v?: string) => {
                if (!v?.trim()) return;
                const r = parseCreditCode(v);
                if (!r.ok) throw new Error(r.error);
              },
            },
          ]}
        >
          <Input maxLength={40} placeholder="18 位" autoComplete="off" />
        </Form.Item>
      </Col>
      <Col span={8}>
        <Form.Item
          name="registeredOn"
          label="登记日期"
          rules={[{ required: true, message: '请选择登记日期' }]}
        >
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
      </Col>
    </>
  );
}

/** 团属: how it was built, and with whom when 联合建. */
function LeagueFields() {
  const form = Form.useFormInstance<Values>();
  const affiliated = Form.useWatch('leagueAffiliated', form);
  const mode = Form.useWatch('buildMode', form);
  return (
    <>
      <Col span={6}>
        <Form.Item name="leagueAffiliated" label="团属社团" valuePropName="checked">
          <Switch checkedChildren="是" unCheckedChildren="否" />
        </Form.Item>
      </Col>
      {affiliated && (
        <Col span={6}>
          <Form.Item
            name="buildMode"
            label="建设方式"
            rules={[{ required: true, message: '请选择建设方式' }]}
          >
            <Radio.Group
              options={[
                { label: '独立建', value: 'independent' },
                { label: '联合建', value: 'joint' },
              ]}
            />
          </Form.Item>
        </Col>
      )}
      {affiliated && mode === 'joint' && (
        <Col span={12}>
          <Form.Item
            name="builtWith"
            label="联合建设单位"
            rules={[{ required: true, message: '请选择或填写联合建设的部门、团体' }]}
          >
            <Select
              mode="tags"
              placeholder="可选择，也可直接输入"
              options={BUILT_WITH_SUGGESTIONS.map((w) => ({ label: w, value: w }))}
            />
          </Form.Item>
        </Col>
      )}
    </>
  );
}

function OnlineAccounts() {
  return (
    <Form.List name="onlineAccounts">
      {(items, { add, remove }) => (
        <Flex vertical gap={8}>
          {items.map((item) => (
            <Flex key={item.key} gap={8} align="baseline">
              <Form.Item
                name={[item.name, 'platform']}
                rules={[{ required: true, message: '请填写平台' }]}
                noStyle
              >
                <Input placeholder="平台，如：微信公众号、抖音、B站" style={{ width: 220 }} maxLength={30} />
              </Form.Item>
              <Form.Item
                name={[item.name, 'handle']}
                rules={[{ required: true, message: '请填写账号' }]}
                noStyle
              >
                <Input placeholder="账号名称" style={{ width: 220 }} maxLength={100} />
              </Form.Item>
              <Form.Item name={[item.name, 'followers']} noStyle>
                <InputNumber placeholder="粉丝数" min={0} precision={0} style={{ width: 140 }} />
              </Form.Item>
              <MinusCircleOutlined onClick={() => remove(item.name)} aria-label="删除该账号" />
            </Flex>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()} style={{ width: 200 }}>
            添加网络账号
          </Button>
        </Flex>
      )}
    </Form.List>
  );
}

function toBody(v: Values): SocietyFields {
  const registered = v.kind === 'registered';
  const affiliated = Boolean(v.leagueAffiliated);
  return {
    ...v,
    fieldId: v.fieldId ?? null,
    registrationAuthority: registered ? (v.registrationAuthority ?? null) : null,
    creditCode: registered ? (v.creditCode ?? null) : null,
    registeredOn: registered && v.registeredOn ? v.registeredOn.format(YMD) : null,
    supervisor: v.supervisor ?? null,
    leagueAffiliated: affiliated,
    buildMode: affiliated ? (v.buildMode ?? null) : null,
    builtWith: affiliated && v.buildMode === 'joint' ? (v.builtWith ?? []) : [],
    leaderYouthId: v.leaderYouthId ?? null,
    leaderName: v.leaderYouthId ? null : (v.leaderName ?? null),
    secretaryYouthId: v.secretaryYouthId ?? null,
    secretaryName: v.secretaryYouthId ? null : (v.secretaryName ?? null),
    memberCount: v.memberCount ?? null,
    activityLevel: v.activityLevel ?? null,
    contactUserId: v.contactUserId ?? null,
    hasLeagueOrg: Boolean(v.hasLeagueOrg),
    remark: v.remark ?? null,
    onlineAccounts: (v.onlineAccounts ?? []).map((a) => ({ ...a, followers: a.followers ?? null })),
  };
}

function initialOf(s: SocietyDetail): Values {
  return {
    name: s.name,
    kind: s.kind,
    fieldId: s.field?.id,
    unitId: s.unit.id,
    registrationAuthority: s.registrationAuthority,
    creditCode: s.creditCode,
    registeredOn: s.registeredOn ? dayjs(s.registeredOn) : null,
    supervisor: s.supervisor,
    leagueAffiliated: s.leagueAffiliated,
    buildMode: s.buildMode,
    builtWith: s.builtWith,
    leaderYouthId: s.leader?.youthId ?? null,
    leaderName: s.leader?.youthId ? null : (s.leader?.name ?? null),
    secretaryYouthId: s.secretary?.youthId ?? null,
    secretaryName: s.secretary?.youthId ? null : (s.secretary?.name ?? null),
    memberCount: s.memberCount,
    activityLevel: s.activityLevel,
    onlineAccounts: s.onlineAccounts,
    contactUserId: s.contactUser?.id ?? null,
    hasLeagueOrg: s.hasLeagueOrg,
    status: s.status,
    remark: s.remark,
  };
}

/** A leader: picked from the 青年库, or only a name when they are not registered there. */
function PersonFields({
  who,
  label,
  current,
}: {
  who: 'leader' | 'secretary';
  label: string;
  current?: SocietyDetail;
}) {
  const form = Form.useFormInstance<Values>();
  const linked = Form.useWatch(`${who}YouthId`, form);
  const person = current?.[who === 'leader' ? 'leader' : 'secretary'];
  return (
    <>
      <Col span={8}>
        <Form.Item name={`${who}YouthId`} label={`${label}（青年库）`}>
          <YouthSelect
            initial={person?.youthId ? { label: person.name, value: person.youthId } : null}
            placeholder="输入姓名或拼音查找"
          />
        </Form.Item>
      </Col>
      <Col span={4}>
        <Form.Item name={`${who}Name`} label="或填写姓名" tooltip="不在青年库中时填写">
          <Input maxLength={50} disabled={Boolean(linked)} />
        </Form.Item>
      </Col>
    </>
  );
}

/** 登记青年社团 / 修改社团信息. */
export function SocietyDialog({
  society,
  onSaved,
  onClose,
}: {
  society?: SocietyDetail;
  onSaved: (s: SocietyDetail) => void;
  onClose: () => void;
}) {
  const me = useViewer();
  const emerging = useDictionary('emerging_field');
  const cadres = useQuery({
    queryKey: ['society-cadres'],
    queryFn: () => call(listSocietyCadres, { query: {} }),
    staleTime: 60_000,
  });
  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = toBody(v);
      return society
        ? call(updateSociety, { params: { id: society.id }, body: { ...body, version: society.version } })
        : call(createSociety, { body });
    },
    onSuccess: onSaved,
  });
  return (
    <FormModal<Values>
      name="society"
      title={society ? '修改社团信息' : '登记青年社团'}
      width={960}
      loading={save.isPending}
      initialValues={
        society
          ? initialOf(society)
          : { kind: 'unregistered', unitId: me.unit.id, contactUserId: me.id, leagueAffiliated: false }
      }
      onSubmit={(v) => save.mutate(v)}
      onCancel={onClose}
    >
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item
            name="name"
            label="社团名称"
            rules={[{ required: true, whitespace: true, min: 2, message: '请填写社团名称（至少 2 个字）' }]}
          >
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="fieldId" label="新兴领域" rules={[{ required: true, message: '请选择新兴领域' }]}>
            <Select placeholder="请选择" options={idOptions(emerging)} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="unitId" label="所属单位" rules={[{ required: true, message: '请选择单位' }]}>
            <UnitPicker valueLabel={society?.unit.name ?? me.unit.name} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="kind" label="社团类型" rules={[{ required: true, message: '请选择社团类型' }]}>
            <Radio.Group
              options={(Object.keys(SOCIETY_KINDS) as SocietyKind[]).map((k) => ({
                label: SOCIETY_KINDS[k],
                value: k,
                title: KIND_HELP[k],
              }))}
            />
          </Form.Item>
        </Col>
        <RegistrationFields />
        <Col span={12}>
          <Form.Item name="supervisor" label="业务主管单位">
            <Input maxLength={100} placeholder="如：团市委、市文联" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="memberCount" label="成员数">
            <InputNumber min={0} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="activityLevel" label="活跃程度">
            <Select
              allowClear
              placeholder="请选择"
              options={Object.entries(ACTIVITY_LEVELS).map(([value, label]) => ({ label, value }))}
            />
          </Form.Item>
        </Col>
        <LeagueFields />
        <Col span={society ? 6 : 12}>
          <Form.Item name="hasLeagueOrg" label="已在其中建立团组织" valuePropName="checked">
            <Switch checkedChildren="是" unCheckedChildren="否" />
          </Form.Item>
        </Col>
        {society && (
          <Col span={6}>
            <Form.Item name="status" label="状态">
              <Select
                options={Object.entries(SOCIETY_STATUSES).map(([value, label]) => ({ label, value }))}
              />
            </Form.Item>
          </Col>
        )}
        <PersonFields who="leader" label="负责人" current={society} />
        <PersonFields who="secretary" label="秘书长" current={society} />
        <Col span={12}>
          <Form.Item name="contactUserId" label="联系团干部">
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="请选择"
              loading={cadres.isFetching}
              options={(cadres.data?.items ?? []).map((c) => ({
                label: `${c.name}（${c.unit}）`,
                value: c.id,
              }))}
            />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item label="网络账号">
            <OnlineAccounts />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="remark" label="备注">
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}
