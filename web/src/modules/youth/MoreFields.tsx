import { Button, Col, Form, Input, InputNumber, Select, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Section } from './IdentityFields';
import { idOptions, useDictionary } from './useDictionary';

function OnlineAccounts() {
  return (
    <Form.List name="onlineAccounts">
      {(fields, { add, remove }) => (
        <>
          {fields.map(({ key, name }) => (
            <Space key={key} align="baseline" style={{ display: 'flex', marginBottom: 4 }}>
              <Form.Item name={[name, 'platform']} rules={[{ required: true, message: '请填写平台' }]}>
                <Input placeholder="平台，如 抖音" style={{ width: 150 }} />
              </Form.Item>
              <Form.Item name={[name, 'handle']} rules={[{ required: true, message: '请填写账号' }]}>
                <Input placeholder="账号或昵称" style={{ width: 220 }} />
              </Form.Item>
              <Form.Item name={[name, 'followers']}>
                <InputNumber min={0} precision={0} placeholder="粉丝数" style={{ width: 140 }} />
              </Form.Item>
              <Button
                type="text"
                icon={<MinusCircleOutlined />}
                aria-label="删除账号"
                onClick={() => remove(name)}
              />
            </Space>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()} disabled={fields.length >= 20}>
            添加网络账号
          </Button>
        </>
      )}
    </Form.List>
  );
}

/** 从业与作品, 梦想与需求 and 其他. */
export function MoreFields() {
  const source = useDictionary('source');
  const need = useDictionary('need');
  return (
    <>
      <Section title="从业与作品">
        <Col span={8}>
          <Form.Item name="occupation" label="从业领域/职业">
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item name="platformOrg" label="签约平台或所属机构">
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="worksAchievements" label="代表作品与成就">
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item label="网络账号与粉丝数">
            <OnlineAccounts />
          </Form.Item>
        </Col>
      </Section>
      <Section title="梦想与需求">
        <Col span={8}>
          <Form.Item name="sourceId" label="来源">
            <Select allowClear options={idOptions(source)} placeholder="如何联系上的" />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item name="needs" label="需求">
            <Select mode="multiple" allowClear options={idOptions(need)} placeholder="可多选" />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="needsText" label="需求说明">
            <Input maxLength={500} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="dream" label="梦想">
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </Col>
      </Section>
      <Section title="其他">
        <Col span={24}>
          <Form.Item name="tags" label="标签">
            <Select mode="tags" placeholder="输入后回车" tokenSeparators={[',', '，', '、']} maxCount={20} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="remark" label="备注">
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </Col>
      </Section>
    </>
  );
}
