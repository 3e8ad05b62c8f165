import type { z } from 'zod';
import { ENTRY_STATUSES, type EntryStatus } from '../../../common/contracts/calls';
import { YOUTH_STAGES } from '../../../common/contracts/youth';
import type { timelineEntry } from '../../../common/contracts/youth-workflow';
import type { YouthCtx as Ctx } from './youth.context';
import { iso } from './youth.present';
import * as repo from './youth.repo';
import * as wf from './youth-workflow.repo';

/**
 * 成长轨迹: registration, contacts, stage changes, transfers, attachments, training classes, mentor
 * pairings and their guidance logs, events taken part in, online sign-ups and consents given or
 * withdrawn, works entered in calls (closed rounds' scores, awards once final, recommendation upward),
 * 青年故事 published about the person or their work, newest first.
 */

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
const TRAINING_EVENT: Record<string, string> = { enrolled: '报名培训', completed: '培训结业' };
const MENTORING_EVENT: Record<string, string> = {
  created: '拟结对梦想导师',
  signed: '签订指导协议',
  completed: '结对期满结束',
  terminated: '结对提前终止',
  log: '导师指导',
};
const EVENT_EVENT: Record<string, string> = { attended: '参加活动', registered: '报名活动（未签到）' };
const SIGNUP_EVENT: Record<string, string> = {
  submitted: '线上报名',
  accepted: '线上报名审核通过入库',
  merged: '线上报名合并到本记录',
};
const CONSENT_EVENT: Record<string, string> = {
  registration: '同意个人信息处理规则',
  publicity: '同意作品公开展示',
  withdrawn: '本人撤回同意',
};

function workTitle(r: wf.TimelineRow): string {
  switch (r.event) {
    case 'scored':
      return `评审得分：${r.subject}`;
    case 'awarded':
      return `获奖：${r.subject}`;
    case 'recommended':
      return `被推荐至：${r.subject}`;
    default:
      return `提交作品：${r.subject}（${ENTRY_STATUSES[r.event as EntryStatus] ?? r.event}）`;
  }
}

function titleOf(r: wf.TimelineRow): string {
  switch (r.kind) {
    case 'created':
      return '登记入库';
    case 'interaction':
      return `联系：${r.event}`;
    case 'attachment':
      return `上传附件：${r.event}`;
    case 'stage':
      return `${STAGE_EVENT[r.event] ?? r.event}：${YOUTH_STAGES[r.fromStage!]} → ${YOUTH_STAGES[r.toStage!]}`;
    case 'transfer':
      return `${TRANSFER_EVENT[r.event] ?? r.event}：${r.fromUnit} → ${r.toUnit}`;
    case 'training':
      return `${TRAINING_EVENT[r.event] ?? r.event}：${r.subject}`;
    case 'mentoring':
      return `${MENTORING_EVENT[r.event] ?? r.event}：${r.subject}`;
    case 'event':
      return `${EVENT_EVENT[r.event] ?? r.event}：${r.subject}`;
    case 'signup':
      return `${SIGNUP_EVENT[r.event] ?? r.event}：${r.subject}`;
    case 'consent':
      return CONSENT_EVENT[r.event] ?? r.event;
    case 'work':
      return workTitle(r);
    case 'story':
      return `故事发布：${r.subject}`;
  }
}

export async function timeline(ctx: Ctx, youthId: number): Promise<z.input<typeof timelineEntry>[]> {
  await repo.findYouthDetail(ctx.db, ctx.viewer, youthId);
  const rows = await wf.timelineRows(ctx.db, youthId);
  return rows.map((r) => ({
    at: iso(r.at)!,
    kind: r.kind,
    title: titleOf(r),
    detail: r.detail,
    by: r.by,
    dateOnly: r.dateOnly,
  }));
}
