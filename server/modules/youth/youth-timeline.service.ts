import type { z } from 'zod';
import { YOUTH_STAGES } from '../../../common/contracts/youth';
import type { timelineEntry } from '../../../common/contracts/youth-workflow';
import type { YouthCtx as Ctx } from './youth.context';
import { iso } from './youth.present';
import * as repo from './youth.repo';
import * as wf from './youth-workflow.repo';

/** 成长轨迹: registration, contacts, stage changes, transfers and attachments, newest first. */

const STAGE_EVENT: Record<string, string> = {
  proposed: '提出调整',
  approved: '批准调整',
  rejected: '驳回调整',
};
const TRANSFER_EVENT: Record<string, string> = {
  requested: '申请转接',
  accepted: '转接完成',
  rejected: '拒绝转接',
  cancelled: '撤回转接',
};

export async function timeline(ctx: Ctx, youthId: number): Promise<z.input<typeof timelineEntry>[]> {
  await repo.findYouthDetail(ctx.db, ctx.viewer, youthId);
  const rows = await wf.timelineRows(ctx.db, youthId);
  return rows.map((r) => {
    let title: string;
    if (r.kind === 'created') title = '登记入库';
    else if (r.kind === 'interaction') title = `联系：${r.event}`;
    else if (r.kind === 'attachment') title = `上传附件：${r.event}`;
    else if (r.kind === 'stage') {
      title = `${STAGE_EVENT[r.event] ?? r.event}：${YOUTH_STAGES[r.fromStage!]} → ${YOUTH_STAGES[r.toStage!]}`;
    } else title = `${TRANSFER_EVENT[r.event] ?? r.event}：${r.fromUnit} → ${r.toUnit}`;
    return { at: iso(r.at)!, kind: r.kind, title, detail: r.detail, by: r.by };
  });
}
