import type { ReactNode } from 'react';
import {
  Alert,
  Button,
  Checkbox,
  Col,
  DatePicker,
  Form,
  Input,
  Radio,
  Row,
  Select,
  TreeSelect,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { ageWarnings, compareWithId, parseIdNumber, parsePhone } from '../../../../common/validators';
import { UnitPicker } from '../../components/UnitPicker';
import { labelOptions, treeOptions, useDictionary } from './useDictionary';
import type { YouthValues } from './youthFormValues';

export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <>
      <Typography.Title level={5} style={{ margin: '4px 0 12px', fontSize: 15 }}>
        {title}
      </Typography.Title>
      <Row gutter={16}>{children}</Row>
    </>
  );
}

const Warnings = ({ items }: { items: string[] }) => (
  <Typography.Text type="warning">{items.join('；')}</Typography.Text>
);

const ymd = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);
const GENDER_TEXT = { male: '男', female: '女' } as const;

type Props = { unitLabel?: string; maskedId?: string | null; maskedPhone?: string | null };

/** 基本信息 and 联系方式, checked as they are typed: the ID number fills 出生日期 and 性别. */
export function IdentityFields({ unitLabel, maskedId, maskedPhone }: Props) {
  const form = Form.useFormInstance<YouthValues>();
  const idNumber = Form.useWatch('idNumber', form);
  const birthDate = Form.useWatch('birthDate', form);
  const gender = Form.useWatch('gender', form);
  const phone = Form.useWatch('phone', form);
  const ethnicity = useDictionary('ethnicity');
  const political = useDictionary('political_status');
  const education = useDictionary('education');
  const category = useDictionary('category');

  const parsed = idNumber?.trim() ? parseIdNumber(idNumber) : null;
  const idWarnings = parsed?.ok
    ? [
        ...parsed.warnings,
        ...compareWithId(parsed, { birthDate: ymd(birthDate), gender: gender && GENDER_TEXT[gender] }),
      ]
    : [];
  const age = ymd(birthDate) ? ageWarnings(ymd(birthDate)!) : null;
  const phoneResult = phone?.trim() ? parsePhone(phone) : null;

  const correctFromId = (p: { birthDate: string; gender: 'male' | 'female' }) =>
    form.setFieldsValue({ birthDate: dayjs(p.birthDate), gender: p.gender });
  const fillFromId = (value: string) => {
    const p = value.trim() ? parseIdNumber(value) : null;
    if (!p?.ok) return;
    const current = form.getFieldsValue(['birthDate', 'gender']);
    form.setFieldsValue({
      birthDate: current.birthDate ?? dayjs(p.birthDate),
      gender: current.gender ?? p.gender,
    });
  };

  const warnings = [...idWarnings, ...(age?.warnings ?? [])];
  const mismatch = parsed?.ok && idWarnings.some((w) => w.includes('不一致'));
  return (
    <>
      <Section title="基本信息">
        <Col span={8}>
          <Form.Item
            name="name"
            label="姓名"
            rules={[{ required: true, whitespace: true, max: 50, message: '请填写姓名' }]}
          >
            <Input autoComplete="off" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item
            name="idNumber"
            label="身份证号"
            extra={maskedId ? `当前 ${maskedId}，不修改请留空` : undefined}
            rules={[
              {
                validator: (_, v?: string) => {
                  const r = v?.trim() ? parseIdNumber(v) : null;
                  return r && !r.ok ? Promise.reject(new Error(r.error)) : Promise.resolve();
                },
              },
            ]}
          >
            <Input autoComplete="off" maxLength={30} onChange={(e) => fillFromId(e.target.value)} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="gender" label="性别">
            <Radio.Group
              options={[
                { label: '男', value: 'male' },
                { label: '女', value: 'female' },
              ]}
            />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="birthDate" label="出生日期">
            <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" maxDate={dayjs()} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="ethnicity" label="民族">
            <Select allowClear showSearch options={labelOptions(ethnicity)} placeholder="请选择" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="politicalStatus" label="政治面貌">
            <Select allowClear options={labelOptions(political)} placeholder="请选择" />
          </Form.Item>
        </Col>
        {warnings.length > 0 && (
          <Col span={24}>
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              title={warnings.join('；')}
              action={
                mismatch && (
                  <Button size="small" type="link" onClick={() => parsed?.ok && correctFromId(parsed)}>
                    按身份证号更正
                  </Button>
                )
              }
            />
          </Col>
        )}
        {age?.needsGuardianConsent && (
          <Col span={24}>
            <Form.Item
              name="guardianConsent"
              valuePropName="checked"
              rules={[
                {
                  validator: (_, v) =>
                    v ? Promise.resolve() : Promise.reject(new Error('未满 14 周岁须取得监护人同意')),
                },
              ]}
            >
              <Checkbox>已取得监护人同意（个人信息保护法第三十一条）</Checkbox>
            </Form.Item>
          </Col>
        )}
        <Col span={8}>
          <Form.Item name="education" label="学历">
            <Select allowClear options={labelOptions(education)} placeholder="请选择" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="unitId" label="所在单位" rules={[{ required: true, message: '请选择所在单位' }]}>
            <UnitPicker valueLabel={unitLabel} placeholder="输入名称或拼音查找" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="categoryId" label="群体类别">
            <TreeSelect
              allowClear
              treeData={treeOptions(category)}
              placeholder="请选择"
              showSearch={{ treeNodeFilterProp: 'title' }}
            />
          </Form.Item>
        </Col>
      </Section>
      <Section title="联系方式">
        <Col span={8}>
          <Form.Item
            name="phone"
            label="手机"
            extra={
              phoneResult?.ok && phoneResult.warnings.length ? (
                <Warnings items={phoneResult.warnings} />
              ) : maskedPhone ? (
                `当前 ${maskedPhone}，不修改请留空`
              ) : undefined
            }
            rules={[
              {
                validator: (_, v?: string) => {
                  const r = v?.trim() ? parsePhone(v) : null;
                  return r && !r.ok ? Promise.reject(new Error(r.error)) : Promise.resolve();
                },
              },
            ]}
          >
            <Input autoComplete="off" maxLength={30} placeholder="手机号或固定电话" />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item name="residence" label="现居地">
            <Input maxLength={100} />
          </Form.Item>
        </Col>
      </Section>
    </>
  );
}
