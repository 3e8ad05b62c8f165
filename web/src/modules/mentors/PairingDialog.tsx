import { useState } from 'react';
import { Col, DatePicker, Form, Input, Row, Select, Typography } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { listMentors } from '../../../../common/contracts/mentors';
import {
  ONE_YEAR_MESSAGE,
  createPairing,
  minimumEndDate,
} from '../../../../common/contracts/mentors-pairings';
import { searchYouth } from '../../../../common/contracts/youth';
import { call } from '../../api/client';
import { FormModal } from '../../components/FormModal';
import { useDebounced } from '../../components/useDebounced';

type Values = { mentorId: number; youthId: number; startDate: Dayjs; endDate: Dayjs; goals?: string };
const YMD = 'YYYY-MM-DD';

/** A searchable select whose options come from the server as the user types. */
function useRemoteOptions<T>(
  key: string,
  fetch: (q: string) => Promise<T[]>,
  toOption: (t: T) => { label: string; value: number },
) {
  const [text, setText] = useState('');
  const q = useDebounced(text.trim());
  const found = useQuery({ queryKey: ['pairing-dialog', key, q], queryFn: () => fetch(q) });
  return {
    onSearch: setText,
    options: (found.data ?? []).map(toOption),
    loading: found.isFetching,
  };
}

/** 新建结对 (拟结对): only key targets are offered; the agreement runs at least one year. */
export function PairingDialog({
  mentor,
  onSaved,
  onClose,
}: {
  mentor?: { id: number; name: string };
  onSaved: (pairingId: number) => void;
  onClose: () => void;
}) {
  const mentors = useRemoteOptions(
    'mentors',
    (q) =>
      call(listMentors, { query: { q: q || undefined, available: 'true', pageSize: 30 } }).then(
        (r) => r.items,
      ),
    (m) => ({ label: `${m.name}（${m.specialty}，${m.openPairings}/${m.maxMentees}）`, value: m.id }),
  );
  const youth = useRemoteOptions(
    'youth',
    (q) =>
      call(searchYouth, { body: { stage: 'key', q: q || undefined, pageSize: 30 } }).then((r) => r.items),
    (y) => ({
      label: `${y.name}（${[y.category?.label, y.unit.name].filter(Boolean).join('，')}）`,
      value: y.id,
    }),
  );
  const save = useMutation({
    mutationFn: (v: Values) =>
      call(createPairing, {
        body: {
          mentorId: v.mentorId,
          youthId: v.youthId,
          startDate: v.startDate.format(YMD),
          endDate: v.endDate.format(YMD),
          goals: v.goals?.trim() || null,
        },
      }),
    onSuccess: (p) => onSaved(p.id),
  });
  const start = dayjs().startOf('day');
  return (
    <FormModal<Values>
      name="pairing"
      title={mentor ? `为「${mentor.name}」新建结对` : '新建结对'}
      width={640}
      loading={save.isPending}
      okText="保存为拟结对"
      initialValues={{
        mentorId: mentor?.id,
        startDate: start,
        endDate: dayjs(minimumEndDate(start.format(YMD))),
      }}
      onSubmit={(v) => save.mutate(v)}
      onCancel={onClose}
    >
      <Typography.Paragraph type="secondary">
        梦想导师与重点培养对象结对，签订指导协议，提供至少一年的陪伴式职业指导。联系对象须先转为重点培养对象才能结对。
      </Typography.Paragraph>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="mentorId" label="梦想导师" rules={[{ required: true, message: '请选择导师' }]}>
            {mentor ? (
              <Select disabled options={[{ label: mentor.name, value: mentor.id }]} />
            ) : (
              <Select
                showSearch={{ filterOption: false, onSearch: mentors.onSearch }}
                placeholder="输入姓名或拼音查找有名额的导师"
                options={mentors.options}
                loading={mentors.loading}
                notFoundContent="没有尚有名额的导师"
              />
            )}
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="youthId"
            label="培养对象（重点培养对象）"
            rules={[{ required: true, message: '请选择培养对象' }]}
          >
            <Select
              showSearch={{ filterOption: false, onSearch: youth.onSearch }}
              placeholder="输入姓名或拼音查找"
              options={youth.options}
              loading={youth.loading}
              notFoundContent="没有匹配的重点培养对象"
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="startDate"
            label="协议开始日期"
            rules={[{ required: true, message: '请选择开始日期' }]}
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="endDate"
            label="协议结束日期"
            dependencies={['startDate']}
            rules={[
              { required: true, message: '请选择结束日期' },
              ({ getFieldValue }) => ({
                validator(_, value?: Dayjs) {
                  const s = getFieldValue('startDate') as Dayjs | undefined;
                  if (!s || !value) return Promise.resolve();
                  const min = minimumEndDate(s.format(YMD));
                  return value.format(YMD) < min
                    ? Promise.reject(new Error(`${ONE_YEAR_MESSAGE}，最早 ${min}`))
                    : Promise.resolve();
                },
              }),
            ]}
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="goals" label="指导目标">
            <Input.TextArea
              rows={3}
              maxLength={1000}
              showCount
              placeholder="如：完成一部中篇作品并投稿、明确职业发展方向"
            />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}
