import { useState } from 'react';
import { App, Button, Card, Descriptions, Empty, Flex, Segmented, Space, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import {
  ADVANCE_KINDS,
  AGGREGATIONS,
  createRound,
  ROUND_STATUSES,
  updateRound,
  type Round,
} from '../../../../../common/contracts/judging';
import { call } from '../../../api/client';
import { RoundSettingsDialog, type RoundSettingsValues } from './RoundSettingsDialog';
import { RoundSetup } from './RoundSetup';
import { RoundResults } from './RoundResults';
import { useReloadRound, useRounds } from './judgingQueries';

export const ROUND_STATUS_COLORS = { setup: 'default', scoring: 'processing', closed: 'success' } as const;

const advanceText = (r: Round) =>
  r.advanceKind
    ? `${ADVANCE_KINDS[r.advanceKind]}（${r.advanceKind === 'top' ? `前 ${r.advanceValue} 名` : `${r.advanceValue} 分及以上`}）`
    : '不设';

/** 评审: the call's rounds, one at a time — settings, panel and conflicts, assignment, scoring, ranking. */
export function RoundsTab({ callId }: { callId: number }) {
  const { message } = App.useApp();
  const { data, isLoading } = useRounds(callId);
  const rounds = data?.items ?? [];
  const [picked, setPicked] = useState<number | null>(null);
  const [dialog, setDialog] = useState<'create' | 'edit' | null>(null);
  const [saving, setSaving] = useState(false);
  const current = rounds.find((r) => r.id === picked) ?? rounds[rounds.length - 1];
  const reload = useReloadRound(callId, current?.id);
  const last = rounds[rounds.length - 1];
  const canCreate = !last || last.status === 'closed';

  const save = async (v: RoundSettingsValues) => {
    setSaving(true);
    try {
      if (dialog === 'create') {
        const r = await call(createRound, { params: { id: callId }, body: v });
        setPicked(r.id);
        message.success(`已新建${r.name}，共 ${r.entryCount} 件作品`);
      } else if (current) {
        await call(updateRound, {
          params: { roundId: current.id },
          body: { settings: v, version: current.version },
        });
        message.success('设置已保存');
      }
      setDialog(null);
      reload();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setSaving(false);
    }
  };

  const createButton = (
    <Button
      type={rounds.length ? 'default' : 'primary'}
      icon={<PlusOutlined />}
      disabled={!canCreate}
      onClick={() => setDialog('create')}
    >
      {rounds.length ? '新建下一轮' : '新建评审轮次'}
    </Button>
  );

  return (
    <Flex vertical gap={16}>
      {!isLoading && !rounds.length ? (
        <Card>
          <Empty description="还没有评审轮次。第一轮评审全部形式审查合格的作品（标记为“含身份信息”的除外）。">
            {createButton}
          </Empty>
        </Card>
      ) : (
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Segmented
            value={current?.id}
            onChange={(v) => setPicked(Number(v))}
            options={rounds.map((r) => ({ value: r.id, label: `第 ${r.seq} 轮 · ${r.name}` }))}
          />
          {createButton}
        </Flex>
      )}
      {current && (
        <>
          <Card
            size="small"
            title={
              <Space>
                {current.name}
                <Tag color={ROUND_STATUS_COLORS[current.status]}>{ROUND_STATUSES[current.status]}</Tag>
              </Space>
            }
            extra={current.status !== 'closed' && <Button onClick={() => setDialog('edit')}>修改设置</Button>}
          >
            <Descriptions
              size="small"
              column={4}
              items={[
                { label: '作品', children: `${current.entryCount} 件` },
                { label: '每件评委', children: `${current.judgesPerWork} 位` },
                {
                  label: '每位评委上限',
                  children: current.maxPerJudge ? `${current.maxPerJudge} 件` : '不限',
                },
                { label: '按类别分配', children: current.byCategory ? '是' : '否' },
                {
                  label: '汇总方式',
                  children: `${AGGREGATIONS[current.aggregation]}${current.aggregation === 'trimmed' ? `（各去掉 ${current.trimCount} 个）` : ''}`,
                },
                { label: '分差阈值', children: `${current.spreadThreshold} 分` },
                { label: '晋级', children: advanceText(current), span: 2 },
              ]}
            />
          </Card>
          <RoundSetup callId={callId} round={current} />
          {current.status !== 'setup' && <RoundResults callId={callId} round={current} />}
        </>
      )}
      {dialog && (
        <RoundSettingsDialog
          round={dialog === 'edit' ? current : undefined}
          defaultName={rounds.length ? `第 ${rounds.length + 1} 轮评审` : '初评'}
          loading={saving}
          onSubmit={(v) => void save(v)}
          onCancel={() => setDialog(null)}
        />
      )}
    </Flex>
  );
}
