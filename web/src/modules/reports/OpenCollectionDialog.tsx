import { useEffect } from 'react';
import { Checkbox, Col, Form, Input, Radio, Row, Select, Switch, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import dayjs from 'dayjs';
import {
  REPORT_FORMS,
  REPORT_LEVELS,
  TARGET_MODES,
  openCollection,
  type CollectionDetail,
  type CollectionTarget,
  type ReportForm,
  type ReportLevel,
} from '../../../../common/contracts/reports';
import { todayInChina } from '../../../../common/validators';
import type { UnitLevel } from '../../../../common/access';
import { call } from '../../api/client';
import { useViewer } from '../../app/session';
import { FormModal } from '../../components/FormModal';
import { DateText } from '../federation/federationUi';
import { TargetPreview } from './TargetPreview';
import { UnitsField } from './UnitsField';
import { yearOptions } from './reportsUi';

type Mode = CollectionTarget['mode'];
type Values = {
  form: ReportForm;
  year: number;
  quarter?: number;
  title?: string;
  mode: Mode;
  levels?: ReportLevel[];
  unitIds?: number[];
  deadline: string;
  perLevel?: boolean;
  deadlineByLevel?: Partial<Record<ReportLevel, string>>;
  instructions?: string;
};

const LEVELS_BELOW: Record<UnitLevel, ReportLevel[]> = {
  central: ['province', 'city', 'county'],
  province: ['city', 'county'],
  city: ['county'],
  county: [],
};
/** Lower levels report first so that the level above can review and pass them up in time. */
const DEADLINE_ORDER: ReportLevel[] = ['county', 'city', 'province'];

const TITLE_SUFFIX: Record<ReportForm, string> = {
  roster: '花名册',
  quarterly: '工作进展',
  news: '动态信息',
  case: '工作案例',
  annual: '工作总结',
};

/** 2026年第4季度工作进展, 2026年度花名册 …: the server's default, shown so the cadre sees what is sent. */
function defaultTitle(form: ReportForm, year: number, quarter?: number | null) {
  return `${quarter ? `${year}年第${quarter}季度` : `${year}年度`}${TITLE_SUFFIX[form]}`;
}

function targetOf(v: Partial<Values>): CollectionTarget | null {
  if (v.mode === 'key_cities') return { mode: 'key_cities' };
  if (v.mode === 'levels') return v.levels?.length ? { mode: 'levels', levels: v.levels } : null;
  if (v.mode === 'units') return v.unitIds?.length ? { mode: 'units', unitIds: v.unitIds } : null;
  return null;
}

function levelsOf(v: Partial<Values>, below: ReportLevel[]): ReportLevel[] {
  const chosen =
    v.mode === 'levels' ? (v.levels ?? []) : v.mode === 'key_cities' ? ['province', 'city'] : below;
  return DEADLINE_ORDER.filter((l) => chosen.includes(l) && below.includes(l));
}

/** The parts of the form that follow what is chosen: quarter, default title, targets, per-level deadlines. */
function Fields({ below, quarterNow }: { below: ReportLevel[]; quarterNow: number }) {
  const form = Form.useFormInstance<Values>();
  const v = (Form.useWatch((all: Partial<Values>) => all, { preserve: true }) ?? {}) as Partial<Values>;
  // A quarterly report is of a quarter (this one unless chosen); other forms default to the whole year.
  useEffect(() => {
    form.setFieldValue('quarter', v.form === 'quarterly' ? quarterNow : undefined);
  }, [form, v.form, quarterNow]);
  const levels = levelsOf(v, below);
  const modes = (Object.keys(TARGET_MODES) as Mode[]).filter(
    (m) => m !== 'key_cities' || below.includes('city'),
  );
  return (
    <>
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name="year" label="年度" rules={[{ required: true, message: '请选择年度' }]}>
            <Select options={yearOptions(dayjs().year() + 1)} />
          </Form.Item>
        </Col>
        {v.form !== 'annual' && (
          <Col span={8}>
            <Form.Item
              name="quarter"
              label={v.form === 'quarterly' ? '季度' : '季度（选填）'}
              rules={v.form === 'quarterly' ? [{ required: true, message: '季度工作进展须选择季度' }] : []}
            >
              <Select
                allowClear={v.form !== 'quarterly'}
                placeholder="请选择"
                options={[1, 2, 3, 4].map((q) => ({ value: q, label: `第${q}季度` }))}
              />
            </Form.Item>
          </Col>
        )}
        <Col span={v.form === 'annual' ? 16 : 8}>
          <Form.Item
            name="deadline"
            label="截止日期"
            rules={[
              { required: true, message: '请选择截止日期' },
              {
                validator: (_, d?: string) =>
                  d && d < todayInChina()
                    ? Promise.reject(new Error('截止日期不能早于今天'))
                    : Promise.resolve(),
              },
            ]}
          >
            <DateText placeholder="请选择" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="title" label="任务名称" extra="不填写则使用默认名称">
        <Input
          maxLength={100}
          placeholder={
            v.form && v.year ? defaultTitle(v.form, v.year, v.form === 'annual' ? null : v.quarter) : ''
          }
        />
      </Form.Item>
      <Form.Item name="mode" label="须报送的单位">
        <Radio.Group options={modes.map((m) => ({ value: m, label: TARGET_MODES[m] }))} />
      </Form.Item>
      {v.mode === 'levels' && (
        <Form.Item name="levels" rules={[{ required: true, message: '请至少选择一个层级' }]}>
          <Checkbox.Group options={below.map((l) => ({ value: l, label: `${REPORT_LEVELS[l]}单位` }))} />
        </Form.Item>
      )}
      {v.mode === 'units' && (
        <Form.Item name="unitIds" rules={[{ required: true, message: '请至少选择一个单位' }]}>
          <UnitsField />
        </Form.Item>
      )}
      <Form.Item>
        <TargetPreview target={targetOf(v)} />
      </Form.Item>
      {levels.length > 1 && (
        <Form.Item
          name="perLevel"
          valuePropName="checked"
          label="分层级设置截止日期"
          style={{ marginBottom: 8 }}
        >
          <Switch checkedChildren="是" unCheckedChildren="否" />
        </Form.Item>
      )}
      {v.perLevel && levels.length > 1 && (
        <Row gutter={16}>
          {levels.map((l, i) => (
            <Col span={8} key={l}>
              <Form.Item
                name={['deadlineByLevel', l]}
                label={`${REPORT_LEVELS[l]}截止日期`}
                dependencies={i > 0 ? [['deadlineByLevel', levels[i - 1]]] : []}
                rules={[
                  ({ getFieldValue }) => ({
                    validator: (_, value?: string) => {
                      const lower =
                        i > 0 ? (getFieldValue(['deadlineByLevel', levels[i - 1]]) as string) : '';
                      return value && lower && value < lower
                        ? Promise.reject(new Error(`应不早于${REPORT_LEVELS[levels[i - 1]]}截止日期`))
                        : Promise.resolve();
                    },
                  }),
                ]}
              >
                <DateText placeholder="同截止日期" />
              </Form.Item>
            </Col>
          ))}
        </Row>
      )}
    </>
  );
}

/** 发起报送任务: what form, for which period, by when, and who must answer; opens on the collection page. */
export function OpenCollectionDialog({
  onOpened,
  onClose,
}: {
  onOpened: (id: number) => void;
  onClose: () => void;
}) {
  const me = useViewer();
  const below = LEVELS_BELOW[me.unit.level];
  const today = todayInChina();
  const run = useMutation({
    mutationFn: (v: Values): Promise<CollectionDetail> =>
      call(openCollection, {
        body: {
          form: v.form,
          year: v.year,
          quarter: v.form === 'annual' ? null : (v.quarter ?? null),
          title: v.title?.trim() || undefined,
          target: targetOf(v)!,
          deadline: v.deadline,
          deadlineByLevel: v.perLevel
            ? Object.fromEntries(Object.entries(v.deadlineByLevel ?? {}).filter(([, d]) => d))
            : {},
          instructions: v.instructions?.trim() || undefined,
        },
      }),
    onSuccess: (c) => onOpened(c.id),
  });
  const month = Number(today.slice(5, 7));
  return (
    <FormModal<Values>
      name="open-collection"
      title="发起报送任务"
      okText="发起"
      width={760}
      loading={run.isPending}
      initialValues={{
        form: 'quarterly',
        year: Number(today.slice(0, 4)),
        mode: me.unit.level === 'central' ? 'key_cities' : 'levels',
        levels: below.slice(0, 1),
        deadline: dayjs(today).add(14, 'day').format('YYYY-MM-DD'),
      }}
      onSubmit={(v) => run.mutate(v)}
      onCancel={onClose}
    >
      {below.length === 0 ? (
        <Typography.Paragraph type="warning">本单位没有下级单位，无法发起报送任务。</Typography.Paragraph>
      ) : (
        <>
          <Form.Item name="form" label="报表" rules={[{ required: true, message: '请选择报表' }]}>
            <Radio.Group
              optionType="button"
              options={Object.entries(REPORT_FORMS).map(([value, label]) => ({ value, label }))}
            />
          </Form.Item>
          <Fields below={below} quarterNow={Math.ceil(month / 3)} />
          <Form.Item name="instructions" label="报送要求（选填）">
            <Input.TextArea
              rows={3}
              maxLength={2000}
              showCount
              placeholder="如：请于截止日期前报送，重点反映联系服务新兴青年的做法和成效。"
            />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}
