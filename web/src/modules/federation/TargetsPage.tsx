import { useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Flex,
  Form,
  InputNumber,
  Radio,
  Row,
  Spin,
  Typography,
} from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  getCoverageTargets,
  setCoverageTargets,
  type CoverageTargets,
} from '../../../../common/contracts/federation-coverage';
import { call } from '../../api/client';
import { useViewer } from '../../app/session';
import { UnitPicker } from '../../components/UnitPicker';
import { DateText, FederationNav } from './federationUi';

type Values = { startDate: string; periodYears: number; minMemberGroups: number; minLeagueSocieties: number };

function TargetsForm({ t, onSaved }: { t: CoverageTargets; onSaved: () => void }) {
  const { message } = App.useApp();
  const [counties, setCounties] = useState<number[]>(t.counties.filter((c) => c.included).map((c) => c.id));
  const byCity = useMemo(() => {
    const m = new Map<string, CoverageTargets['counties']>();
    for (const c of t.counties) m.set(c.cityName, [...(m.get(c.cityName) ?? []), c]);
    return [...m.entries()];
  }, [t.counties]);
  const save = useMutation({
    mutationFn: (v: Values) =>
      call(setCoverageTargets, {
        params: { provinceId: t.province.id },
        body: { ...v, version: t.version, countyIds: counties },
      }),
    onSuccess: () => {
      message.success('已保存组织覆盖目标');
      onSaved();
    },
  });
  const ro = !t.editable;
  return (
    <Form<Values>
      name="coverage-targets"
      layout="vertical"
      disabled={ro}
      initialValues={{
        startDate: t.startDate ?? undefined,
        periodYears: t.periodYears,
        minMemberGroups: t.minMemberGroups,
        minLeagueSocieties: t.minLeagueSocieties,
      }}
      onFinish={(v) => save.mutate(v)}
    >
      <Card size="small" title={`${t.province.name}工作目标`}>
        {ro && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            title="目标由省级团委为本省设置，这里只能查看。"
          />
        )}
        <Row gutter={24}>
          <Col span={6}>
            <Form.Item
              name="startDate"
              label="起始日期"
              rules={[{ required: true, message: '请选择起始日期' }]}
            >
              <DateText />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="periodYears" label="期限">
              <Radio.Group
                options={[
                  { value: 2, label: '2 年' },
                  { value: 3, label: '3 年' },
                ]}
              />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="minMemberGroups" label="会员团体（除共青团外）至少">
              <InputNumber min={1} max={50} suffix="个" style={{ width: 120 }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="minLeagueSocieties" label="团属新兴领域社团至少">
              <InputNumber min={0} max={20} suffix="个" style={{ width: 120 }} />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          中青联发〔2021〕5号：2至3年内，全国地级市、有条件的县（市、区、旗）全部达到除共青团外有3个以上会员团体的目标，并至少培育吸纳1个覆盖新兴领域青年有代表性的团属青年社团。
          {t.endDate && ` 本省期限截止 ${t.endDate}。`}
        </Typography.Paragraph>
      </Card>
      <Card
        size="small"
        style={{ marginTop: 12 }}
        title={`有条件的县（已选 ${counties.length} 个；地级市全部纳入）`}
        extra={
          !ro && (
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              保存
            </Button>
          )
        }
      >
        <Checkbox.Group
          value={counties}
          onChange={(v) => setCounties(v as number[])}
          style={{ width: '100%' }}
        >
          <Flex vertical gap={8} style={{ width: '100%' }}>
            {byCity.map(([city, list]) => (
              <Flex key={city} gap={12} align="baseline">
                <Typography.Text strong style={{ width: 110, flexShrink: 0 }}>
                  {city}
                </Typography.Text>
                <Flex wrap gap={4}>
                  {list.map((c) => (
                    <Checkbox key={c.id} value={c.id} disabled={ro}>
                      {c.name}
                    </Checkbox>
                  ))}
                </Flex>
              </Flex>
            ))}
          </Flex>
        </Checkbox.Group>
      </Card>
    </Form>
  );
}

/** 目标设置: the province's start date, period, minimums and 有条件的县. */
export function TargetsPage() {
  const me = useViewer();
  const queryClient = useQueryClient();
  const [provinceId, setProvinceId] = useState<number>();
  const central = me.unit.level === 'central';
  const targets = useQuery({
    queryKey: ['coverage-targets', provinceId ?? 'mine'],
    queryFn: () => call(getCoverageTargets, { query: { provinceId } }),
    enabled: !central || provinceId !== undefined,
  });
  return (
    <Flex vertical gap={12}>
      <FederationNav
        extra={
          central && (
            <UnitPicker
              value={provinceId}
              onChange={setProvinceId}
              placeholder="请选择省份"
              style={{ width: 240 }}
            />
          )
        }
      />
      {central && provinceId === undefined ? (
        <Card size="small">
          <Typography.Text type="secondary">请选择要查看目标的省份。</Typography.Text>
        </Card>
      ) : targets.data ? (
        <TargetsForm
          key={`${targets.data.province.id}-${targets.data.version ?? 0}`}
          t={targets.data}
          onSaved={() => void queryClient.invalidateQueries({ queryKey: ['coverage-targets'] })}
        />
      ) : targets.isError ? null : (
        <Spin style={{ display: 'block', margin: 48 }} />
      )}
    </Flex>
  );
}
