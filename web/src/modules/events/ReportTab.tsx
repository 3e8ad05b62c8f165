import { useState } from 'react';
import { App, Button, Empty, Flex, Input, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { updateEvent, type EventDetail } from '../../../../common/contracts/events';
import { call, isVersionConflict } from '../../api/client';
import { useCan } from '../../app/session';

/** 活动简报: a short account of the event, saved under the event's version check. */
export function ReportTab({ event, onChanged }: { event: EventDetail; onChanged: () => void }) {
  const can = useCan();
  const { message } = App.useApp();
  const [draft, setDraft] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const write = can('events.write');

  const save = async () => {
    setSaving(true);
    try {
      await call(updateEvent, {
        params: { id: event.id },
        body: { report: draft?.trim() || null, version: event.version },
      });
      message.success('简报已保存');
      setDraft(null);
      onChanged();
    } catch (e) {
      message.error(
        isVersionConflict(e)
          ? '该活动已被他人修改，请复制您的内容后刷新页面再保存'
          : e instanceof Error
            ? e.message
            : '保存失败',
      );
    } finally {
      setSaving(false);
    }
  };

  if (draft !== null) {
    return (
      <Flex vertical gap={12}>
        <Input.TextArea
          aria-label="简报内容"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          autoSize={{ minRows: 8, maxRows: 20 }}
          maxLength={5000}
          showCount
          placeholder="活动时间、地点、主讲嘉宾、参与人数、主要内容和成效，如：3 月 14 日，东湖区团委在青年之家举办网络作家青春沙龙……"
        />
        <Flex gap={8} justify="end">
          <Button onClick={() => setDraft(null)}>取消</Button>
          <Button type="primary" loading={saving} onClick={() => void save()}>
            保存简报
          </Button>
        </Flex>
      </Flex>
    );
  }
  return (
    <Flex vertical gap={12}>
      {write && (
        <Flex justify="end">
          <Button icon={<EditOutlined />} onClick={() => setDraft(event.report ?? '')}>
            {event.report ? '修改简报' : '填写简报'}
          </Button>
        </Flex>
      )}
      {event.report ? (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', fontSize: 15, lineHeight: 1.9 }}>
          {event.report}
        </Typography.Paragraph>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未填写活动简报" />
      )}
    </Flex>
  );
}
