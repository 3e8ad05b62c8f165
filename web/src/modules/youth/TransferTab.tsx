import { Descriptions, Divider, Spin, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import type { YouthDetail } from '../../../../common/contracts/youth';
import { listTransfers } from '../../../../common/contracts/youth-workflow';
import { call } from '../../api/client';
import { useCan } from '../../app/session';
import { TimelineList } from './TimelineList';
import { TransferActions, TransferOutButton } from './TransferActions';

/** The pending transfer is found among the scope's pending ones (the list has no per-person filter). */
function PendingTransfer({ transferId, onChanged }: { transferId: number; onChanged: () => void }) {
  const { data, isPending } = useQuery({
    queryKey: ['youth-transfers', 'pending', 'all'],
    queryFn: () => call(listTransfers, { query: { status: 'pending', direction: 'all', pageSize: 200 } }),
  });
  if (isPending) return <Spin />;
  const t = data?.items.find((x) => x.id === transferId);
  if (!t) return <Typography.Text type="secondary">有一项转接申请正在办理中。</Typography.Text>;
  return (
    <Descriptions
      bordered
      size="small"
      column={2}
      title="办理中的转接申请"
      extra={<TransferActions transfer={t} onDone={onChanged} />}
    >
      <Descriptions.Item label="转出单位">{t.fromUnit.name}</Descriptions.Item>
      <Descriptions.Item label="接收单位">{t.toUnit.name}</Descriptions.Item>
      <Descriptions.Item label="发起方">
        {t.initiatedBy === 'from' ? '转出单位' : '接收单位申请转入'}
      </Descriptions.Item>
      <Descriptions.Item label="申请人">
        {t.requestedBy}（{dayjs(t.requestedAt).format('YYYY-MM-DD')}）
      </Descriptions.Item>
      <Descriptions.Item label="原因" span={2}>
        {t.reason}
      </Descriptions.Item>
    </Descriptions>
  );
}

/**
 * 转移: within the scope a move is an edit of 所在单位; across scopes the keeping side pushes to any
 * unit in the country, or the receiving unit asks by ID number; the other side decides.
 */
export function TransferTab({ youth, onChanged }: { youth: YouthDetail; onChanged: () => void }) {
  const can = useCan();
  return (
    <>
      <Typography.Paragraph type="secondary">
        本单位及下级之间调整，请在“基本资料”中编辑所在单位。青年迁往其他地区的，可“转出到其他地区”（全国任一团组织），或由接收地团组织登记时凭身份证号“申请转入”；对方同意后记录移交对方保管，历史记录保留。
      </Typography.Paragraph>
      {can('youth.transfer') && !youth.pendingTransferId && (
        <TransferOutButton youthId={youth.id} onDone={onChanged} />
      )}
      {youth.pendingTransferId && (
        <PendingTransfer transferId={youth.pendingTransferId} onChanged={onChanged} />
      )}
      <Divider titlePlacement="start" plain>
        转接记录
      </Divider>
      <TimelineList youthId={youth.id} kinds={['transfer']} empty="暂无转接记录" />
    </>
  );
}
