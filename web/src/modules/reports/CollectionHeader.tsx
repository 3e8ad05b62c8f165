import { useState } from 'react';
import { App, Button, Card, Descriptions, Flex, Space, Tag, Typography } from 'antd';
import { EditOutlined, FileWordOutlined, StopOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import {
  REPORT_LEVELS,
  TARGET_MODES,
  closeCollection,
  exportCollection,
  exportCollectionDocument,
  type CollectionDetail,
} from '../../../../common/contracts/reports';
import { call, download } from '../../api/client';
import { useCan } from '../../app/session';
import { MaskedExport } from './MaskedExport';
import { FormTag, errorText, periodLabel, ymdhm } from './reportsUi';

function targetText(c: CollectionDetail) {
  if (c.targetMode === 'levels') {
    return `下级${c.targetLevels.map((l) => REPORT_LEVELS[l]).join('、')}单位`;
  }
  return TARGET_MODES[c.targetMode];
}

function deadlineText(c: CollectionDetail) {
  const own = (['county', 'city', 'province'] as const)
    .filter((l) => c.deadlineByLevel[l])
    .map((l) => `${REPORT_LEVELS[l]} ${c.deadlineByLevel[l]}`);
  return own.length ? `${c.deadline}（${own.join('，')}）` : c.deadline;
}

function WordExport({ id, unitId }: { id: number; unitId?: number }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const go = async () => {
    setBusy(true);
    try {
      message.success(
        `已导出：${await download(exportCollectionDocument, { params: { id }, query: { unitId } })}`,
      );
    } catch (e) {
      message.error(errorText(e, '导出失败'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<FileWordOutlined />} loading={busy} onClick={() => void go()}>
      文字材料（Word）
    </Button>
  );
}

/** A collection's facts and actions; exports follow the unit the drill-down is looking at. */
export function CollectionHeader({
  c,
  unitId,
  onChanged,
}: {
  c: CollectionDetail;
  unitId?: number;
  onChanged: (next: CollectionDetail) => void;
}) {
  const can = useCan();
  const { message, modal } = App.useApp();
  const close = useMutation({
    mutationFn: () => call(closeCollection, { params: { id: c.id }, body: { version: c.version } }),
    onSuccess: (next) => {
      message.success('报送任务已结束');
      onChanged(next);
    },
  });
  return (
    <Card size="small">
      <Flex justify="space-between" align="start" gap={16} wrap>
        <Space align="center" size={12} wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {c.title}
          </Typography.Title>
          <FormTag form={c.form} />
          {c.status === 'open' ? <Tag color="processing">进行中</Tag> : <Tag>已结束</Tag>}
        </Space>
        <Space wrap>
          {c.ownSubmissionId && (
            <Link to={`/reports/submissions/${c.ownSubmissionId}`}>
              <Button type="primary" icon={<EditOutlined />}>
                本单位报告
              </Button>
            </Link>
          )}
          <MaskedExport
            label="导出汇总表"
            run={(unmasked, reason) =>
              download(exportCollection, { params: { id: c.id }, body: { unitId, unmasked, reason } })
            }
          />
          <WordExport id={c.id} unitId={unitId} />
          {c.ownedByViewer && c.status === 'open' && can('reports.manage') && (
            <Button
              danger
              icon={<StopOutlined />}
              loading={close.isPending}
              onClick={() =>
                modal.confirm({
                  title: '结束报送任务？',
                  content: '结束后不再接受报送和修改，尚未报送的单位计为逾期未报。',
                  okText: '结束任务',
                  okButtonProps: { danger: true },
                  onOk: () => close.mutateAsync().catch(() => undefined),
                })
              }
            >
              结束任务
            </Button>
          )}
        </Space>
      </Flex>
      <Descriptions size="small" column={3} style={{ marginTop: 12 }}>
        <Descriptions.Item label="发起单位">{c.unit.name}</Descriptions.Item>
        <Descriptions.Item label="期间">
          {periodLabel(c)}（{c.periodStart} 至 {c.periodEnd}）
        </Descriptions.Item>
        <Descriptions.Item label="截止日期">{deadlineText(c)}</Descriptions.Item>
        <Descriptions.Item label="须报送">{targetText(c)}</Descriptions.Item>
        <Descriptions.Item label="发起">
          {c.createdBy ?? '—'} {ymdhm(c.createdAt)}
        </Descriptions.Item>
        {c.closedAt && <Descriptions.Item label="结束于">{ymdhm(c.closedAt)}</Descriptions.Item>}
        {c.instructions && (
          <Descriptions.Item label="报送要求" span={3}>
            <span style={{ whiteSpace: 'pre-wrap' }}>{c.instructions}</span>
          </Descriptions.Item>
        )}
      </Descriptions>
    </Card>
  );
}
