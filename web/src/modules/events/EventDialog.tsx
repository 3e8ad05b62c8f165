import { useState } from 'react';
import {
  App,
  Button,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Switch,
  Typography,
} from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import {
  AUDIENCE_MAX,
  EVENT_KINDS,
  EVENT_KIND_LABELS,
  createEvent,
  listSpeakerMentors,
  updateEvent,
  type EventDetail,
} from '../../../../common/contracts/events';
import { call, isVersionConflict } from '../../api/client';
import { useViewer } from '../../app/session';
import { FormModal } from '../../components/FormModal';
import { UnitPicker } from '../../components/UnitPicker';
import { useDebounced } from '../../components/useDebounced';
import { CallSelect, WorkSelect } from './EventWorkPickers';

type Kind = (typeof EVENT_KINDS)[number];
type SpeakerValue = { source: 'mentor' | 'guest'; mentorId?: number; name?: string; title?: string };
type Values = {
  kind: Kind;
  unitId?: number;
  title: string;
  date: Dayjs;
  place?: string;
  speakers?: SpeakerValue[];
  callId?: number | null;
  entryIds?: number[];
  audience?: number | null;
  published?: boolean;
};

/** What the call's page fills in for a new 巡演巡展. */
export type EventPreset = { kind: Kind; call: { id: number; title: string }; title?: string };

/** A mentor registered in the viewer's scope, found by name or pinyin. */
function MentorSelect({
  id,
  value,
  onChange,
  known,
}: {
  id?: string;
  value?: number;
  onChange?: (v: number | undefined) => void;
  known: Map<number, string>;
}) {
  const [text, setText] = useState('');
  const q = useDebounced(text.trim());
  const found = useQuery({
    queryKey: ['events', 'speaker-mentors', q],
    queryFn: () => call(listSpeakerMentors, { query: { q: q || undefined } }),
  });
  const options = (found.data?.items ?? []).map((m) => ({
    value: m.id,
    label: `${m.name}（${m.specialty}${m.title ? '，' + m.title : ''}）`,
  }));
  if (value !== undefined && !options.some((o) => o.value === value) && known.has(value)) {
    options.unshift({ value, label: known.get(value)! });
  }
  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      showSearch={{ filterOption: false, onSearch: setText }}
      placeholder="输入姓名或拼音查找导师"
      options={options}
      loading={found.isFetching}
      notFoundContent={found.isFetching ? '查找中…' : '本单位及下级没有匹配的梦想导师'}
    />
  );
}

/**
 * 新建 or 修改 an event: type, organising unit, name, date, place and its speakers; for 巡演巡展 and 见面会 the
 * call whose works it shows (the works themselves are picked here when creating, on the event's page after),
 * 观众人次 and whether the unit's public page lists it.
 */
export function EventDialog({
  event,
  preset,
  onSaved,
  onClose,
}: {
  event?: EventDetail;
  preset?: EventPreset;
  onSaved: (id: number) => void;
  onClose: () => void;
}) {
  const me = useViewer();
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const known = new Map(
    (event?.speakerList ?? []).flatMap((s) => (s.mentorId ? [[s.mentorId, s.name]] : [])),
  );
  const initial: Partial<Values> = event
    ? {
        kind: event.kind as Kind,
        unitId: event.unit.id,
        title: event.title,
        date: dayjs(event.date),
        place: event.place ?? undefined,
        speakers: event.speakerList.map((s) => ({
          source: s.mentorId ? 'mentor' : 'guest',
          mentorId: s.mentorId ?? undefined,
          name: s.name,
          title: s.title ?? undefined,
        })),
        callId: event.call?.id ?? null,
        audience: event.audience,
        published: event.published,
      }
    : {
        kind: preset?.kind ?? '青春沙龙',
        unitId: me.unit.id,
        speakers: [],
        callId: preset?.call.id ?? null,
        title: preset?.title,
        entryIds: [],
        published: false,
      };
  const knownCall = event?.call ?? preset?.call ?? null;

  const submit = async (v: Values) => {
    setSaving(true);
    const fields = {
      kind: v.kind,
      unitId: v.unitId,
      title: v.title,
      date: v.date.format('YYYY-MM-DD'),
      place: v.place || null,
      speakers: (v.speakers ?? []).map((s) =>
        s.source === 'mentor'
          ? { mentorId: s.mentorId, title: s.title || null }
          : { name: s.name, title: s.title || null },
      ),
      callId: v.callId ?? null,
      audience: v.audience ?? null,
      published: Boolean(v.published),
    };
    const entryIds = v.callId && v.entryIds?.length ? v.entryIds : undefined;
    try {
      const saved = event
        ? await call(updateEvent, { params: { id: event.id }, body: { ...fields, version: event.version } })
        : await call(createEvent, { body: { ...fields, entryIds } });
      message.success(event ? '已保存' : `已新建活动：${saved.title}`);
      onSaved(saved.id);
    } catch (e) {
      message.error(
        isVersionConflict(e)
          ? '该活动已被他人修改，请关闭后刷新再编辑'
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
      name="event"
      title={event ? '修改活动' : '新建活动'}
      width={720}
      initialValues={initial}
      onSubmit={(v) => void submit(v)}
      onCancel={onClose}
      loading={saving}
      okText="保存"
    >
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name="kind" label="活动类型" rules={[{ required: true, message: '请选择活动类型' }]}>
            <Select options={EVENT_KINDS.map((k) => ({ label: EVENT_KIND_LABELS[k], value: k }))} />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item
            name="title"
            label="活动名称"
            rules={[{ required: true, min: 2, message: '请填写活动名称（至少 2 个字）' }]}
          >
            <Input maxLength={100} placeholder="如：网络作家青春沙龙（第三期）" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="date" label="活动日期" rules={[{ required: true, message: '请选择活动日期' }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item name="unitId" label="组织单位" rules={[{ required: true, message: '请选择组织单位' }]}>
            <UnitPicker valueLabel={event ? event.unit.name : me.unit.name} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="place" label="地点">
            <Input maxLength={200} placeholder="如：东湖区青年之家、线上（腾讯会议）" />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item
            name="callId"
            label="关联作品征集"
            extra={
              event && event.works > 0
                ? '已选展演作品：如需更换征集，请先在“展演作品”中移除'
                : '巡演、巡展、见面会可关联一项征集，展演其中形式审查合格的作品'
            }
          >
            <CallSelect known={knownCall} disabled={Boolean(event && event.works > 0)} />
          </Form.Item>
        </Col>
        {!event && (
          <Form.Item noStyle dependencies={['callId']}>
            {({ getFieldValue }) =>
              getFieldValue('callId') ? (
                <Col span={24}>
                  <Form.Item name="entryIds" label="展演作品">
                    <WorkSelect callId={getFieldValue('callId') as number} />
                  </Form.Item>
                </Col>
              ) : null
            }
          </Form.Item>
        )}
        <Col span={8}>
          <Form.Item
            name="audience"
            label="观众人次"
            tooltip="现场统计的观众人次，与参与青年（青年库名单）分开统计"
          >
            <InputNumber
              min={0}
              max={AUDIENCE_MAX}
              precision={0}
              style={{ width: '100%' }}
              placeholder="未统计"
            />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item name="published" label="在单位主页公布" valuePropName="checked">
            <Switch checkedChildren="公布" unCheckedChildren="不公布" />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Text strong>主讲嘉宾</Typography.Text>
      <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
        可从梦想导师中选择，或填写外请专家
      </Typography.Text>
      <Form.List name="speakers">
        {(rows, { add, remove }) => (
          <Flex vertical gap={0} style={{ marginTop: 8 }}>
            {rows.map((row) => (
              <Flex key={row.key} gap={8} align="start">
                <Form.Item name={[row.name, 'source']} style={{ width: 110 }}>
                  <Select
                    aria-label="嘉宾来源"
                    options={[
                      { value: 'mentor', label: '梦想导师' },
                      { value: 'guest', label: '外请专家' },
                    ]}
                  />
                </Form.Item>
                <Form.Item noStyle dependencies={[['speakers', row.name, 'source']]}>
                  {({ getFieldValue }) =>
                    getFieldValue(['speakers', row.name, 'source']) === 'mentor' ? (
                      <Form.Item
                        name={[row.name, 'mentorId']}
                        style={{ flex: 1 }}
                        rules={[{ required: true, message: '请选择导师' }]}
                      >
                        <MentorSelect known={known} />
                      </Form.Item>
                    ) : (
                      <Form.Item
                        name={[row.name, 'name']}
                        style={{ flex: 1 }}
                        rules={[{ required: true, message: '请填写嘉宾姓名' }]}
                      >
                        <Input aria-label="嘉宾姓名" maxLength={50} placeholder="嘉宾姓名" />
                      </Form.Item>
                    )
                  }
                </Form.Item>
                <Form.Item name={[row.name, 'title']} style={{ flex: 1 }}>
                  <Input aria-label="嘉宾职务或头衔" maxLength={100} placeholder="职务或头衔（选填）" />
                </Form.Item>
                <Button
                  type="text"
                  icon={<DeleteOutlined />}
                  aria-label="移除嘉宾"
                  onClick={() => remove(row.name)}
                />
              </Flex>
            ))}
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => add({ source: 'guest' })}
              style={{ marginBottom: 8 }}
            >
              添加主讲嘉宾
            </Button>
          </Flex>
        )}
      </Form.List>
    </FormModal>
  );
}
