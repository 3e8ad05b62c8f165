import { useState } from 'react';
import {
  Breadcrumb,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Form,
  Input,
  Row,
  Skeleton,
  Statistic,
  Tag,
} from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { UNIT_LEVELS, type UnitLevel } from '../../../../common/access';
import { getUnit, updateUnit } from '../../../../common/contracts/units';
import { call, isVersionConflict } from '../../api/client';
import { useCan, useViewer } from '../../app/session';
import { FormModal } from '../../components/FormModal';
import { unitDetailKey } from '../../components/UnitPicker';
import { DepartmentsCard } from './DepartmentsCard';

const BELOW: Record<UnitLevel, ('province' | 'city' | 'county')[]> = {
  central: ['province', 'city', 'county'],
  province: ['city', 'county'],
  city: ['county'],
  county: [],
};

function OrgNameDialog({
  id,
  orgName,
  version,
  onClose,
}: {
  id: number;
  orgName: string;
  version: number;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (v: { orgName: string }) => call(updateUnit, { params: { id }, body: { ...v, version } }),
    onSuccess: (unit) => {
      queryClient.setQueryData(unitDetailKey(id), unit);
      void queryClient.invalidateQueries({ queryKey: ['units'] });
      onClose();
    },
    onError: (e) => {
      if (!isVersionConflict(e)) return;
      void queryClient.invalidateQueries({ queryKey: unitDetailKey(id) });
      onClose();
    },
  });
  return (
    <FormModal<{ orgName: string }>
      name="org-name"
      title="修改组织全称"
      initialValues={{ orgName }}
      loading={save.isPending}
      onSubmit={(v) => save.mutate(v)}
      onCancel={onClose}
    >
      <Form.Item
        name="orgName"
        label="组织全称"
        rules={[{ required: true, min: 2, max: 60, message: '请输入 2–60 字的组织全称' }]}
      >
        <Input />
      </Form.Item>
    </FormModal>
  );
}

export function UnitDetail({ id, onSelect }: { id: number; onSelect: (id: number) => void }) {
  const me = useViewer();
  const can = useCan();
  const [editing, setEditing] = useState(false);
  const { data } = useQuery({
    queryKey: unitDetailKey(id),
    queryFn: () => call(getUnit, { params: { id } }),
  });
  if (!data)
    return (
      <Card>
        <Skeleton active />
      </Card>
    );

  // Ancestors above the viewer's own unit are outside its scope: shown, not clickable.
  const ownIndex = data.ancestors.findIndex((a) => a.id === me.unit.id);
  const levels = BELOW[data.level];
  return (
    <Flex vertical gap={16}>
      <Card
        size="small"
        title={
          <Flex align="center" gap={8}>
            {data.orgName}
            {data.keyContactCity && <Tag color="red">重点联系城市</Tag>}
          </Flex>
        }
        extra={
          can('units.manage') && (
            <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(true)}>
              修改全称
            </Button>
          )
        }
      >
        {data.ancestors.length > 0 && (
          <Breadcrumb
            style={{ marginBottom: 12 }}
            items={[
              ...data.ancestors.map((a, i) => ({
                key: a.id,
                title:
                  ownIndex >= 0 && i >= ownIndex ? <a onClick={() => onSelect(a.id)}>{a.name}</a> : a.name,
              })),
              { key: data.id, title: data.name },
            ]}
          />
        )}
        <Descriptions
          size="small"
          bordered
          column={3}
          items={[
            { key: 'name', label: '单位名称', children: data.name },
            { key: 'level', label: '层级', children: UNIT_LEVELS[data.level] },
            { key: 'code', label: '区划代码', children: data.code },
            { key: 'children', label: '直属下级', children: `${data.childCount} 个` },
            { key: 'descendants', label: '下辖组织', children: `${data.descendantCount} 个` },
            { key: 'accounts', label: '账号', children: `${data.accounts} 个` },
          ]}
        />
        {levels.length > 0 && (
          <Row gutter={16} style={{ marginTop: 16 }}>
            {levels.map((level) => (
              <Col key={level} span={6}>
                <Statistic title={`下辖${UNIT_LEVELS[level]}团组织`} value={data.countsBelow[level]} />
              </Col>
            ))}
            {data.level !== 'city' && (
              <Col span={6}>
                <Statistic title="下辖重点联系城市" value={data.keyContactCitiesBelow} />
              </Col>
            )}
          </Row>
        )}
      </Card>
      <DepartmentsCard unit={data} />
      {editing && (
        <OrgNameDialog
          id={data.id}
          orgName={data.orgName}
          version={data.version}
          onClose={() => setEditing(false)}
        />
      )}
    </Flex>
  );
}
