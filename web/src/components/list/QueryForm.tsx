import { Button, Checkbox, Col, DatePicker, Flex, Form, Input, Row, Select, type FormInstance } from 'antd';
import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { UnitPicker } from '../UnitPicker';
import type { Filters, QueryField } from './types';

type Props = {
  name: string;
  form: FormInstance<Filters>;
  fields: QueryField[];
  initialValues: Filters;
  onSearch: (values: Filters) => void;
  onReset: () => void;
};

const ITEM_STYLE = { marginBottom: 12 };

/** A plain function, not a component: Form.Item must clone the control itself to pass value and id. */
function control(field: QueryField) {
  switch (field.type) {
    case 'input':
      return <Input allowClear placeholder={field.placeholder ?? `请输入${field.label}`} />;
    case 'select':
      return (
        <Select
          allowClear
          placeholder={field.placeholder ?? '全部'}
          options={field.options}
          showSearch={field.showSearch ? { optionFilterProp: 'label' } : false}
        />
      );
    case 'dateRange':
      return (
        <DatePicker.RangePicker
          style={{ width: '100%' }}
          showTime={field.showTime ? { format: 'HH:mm' } : false}
          format={field.showTime ? 'YYYY-MM-DD HH:mm' : 'YYYY-MM-DD'}
        />
      );
    case 'unit':
      return <UnitPicker placeholder="全部（本级及下级）" />;
    case 'custom':
      return field.render();
  }
}

export function QueryForm({ name, form, fields, initialValues, onSearch, onReset }: Props) {
  return (
    <Form
      name={name}
      form={form}
      initialValues={initialValues}
      labelCol={{ flex: '76px' }}
      wrapperCol={{ flex: 'auto' }}
      onFinish={onSearch}
    >
      <Row gutter={16}>
        {fields.map((field) =>
          field.type === 'unit' && field.descendantsName ? (
            <Col key={field.name} xs={24} md={12} xl={8}>
              <Form.Item label={field.label} htmlFor={`${name}_${field.name}`} style={ITEM_STYLE}>
                <Flex gap={8} align="center">
                  <Form.Item name={field.name} noStyle>
                    <UnitPicker placeholder="全部" style={{ flex: 1, minWidth: 0 }} />
                  </Form.Item>
                  <Form.Item name={field.descendantsName} valuePropName="checked" noStyle>
                    <Checkbox style={{ whiteSpace: 'nowrap' }}>含下级</Checkbox>
                  </Form.Item>
                </Flex>
              </Form.Item>
            </Col>
          ) : (
            <Col key={field.name} xs={24} md={12} xl={8}>
              <Form.Item name={field.name} label={field.label} style={ITEM_STYLE}>
                {control(field)}
              </Form.Item>
            </Col>
          ),
        )}
        <Col flex="auto">
          <Flex justify="end" gap={8} style={ITEM_STYLE}>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
              查询
            </Button>
            <Button icon={<ReloadOutlined />} onClick={onReset}>
              重置
            </Button>
          </Flex>
        </Col>
      </Row>
    </Form>
  );
}
