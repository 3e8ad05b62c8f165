import type { FileChild } from 'docx';
import { LIGHTS, TASK_STATUSES, type TaskStatus } from '../../../common/contracts/plans';
import type { PlanDetail, TaskItem } from '../../../common/contracts/plans-tasks';
import { todayInChina } from '../../../common/validators';
import { beijingTime, writeXlsx, type XlsxRow } from '../../platform/excel/xlsx-writer';
import {
  buildDocx,
  chineseDate,
  gap,
  heading1,
  heading2,
  paragraph,
  signature,
  subtitle,
  table,
  title,
} from '../../platform/word/word';
import { indicatorMet } from './plan-present';
import { latestProgressOfPlan } from './plan-progress.repo';
import { indicatorsOfPlan, type IndicatorRow } from './plan-task-items.repo';
import type { PlansCtx } from './plans.context';
import { unitInfo } from './plans.repo';
import { detail } from './plans.service';

const STATUS_ORDER: TaskStatus[] = ['done', 'in_progress', 'not_started', 'lagging'];

const fileTitle = (t: string) => (t.length > 40 ? `${t.slice(0, 40)}…` : t).replace(/[\\/:*?"<>|]/g, '');
const names = (t: TaskItem) => t.participants.map((p) => p.name).join('、');
const ymd = (d: string | null) => (d ? chineseDate(d) : '未设');

/** The tasks of each section in order; tasks without a section come first, under no heading. */
function bySection(plan: PlanDetail) {
  const groups = [
    { heading: '', tasks: plan.tasks.filter((t) => !t.section) },
    ...plan.sections.map((s) => ({
      heading: [s.number && `${s.number}、`, s.title].filter(Boolean).join(''),
      tasks: plan.tasks.filter((t) => t.section?.id === s.id),
    })),
  ];
  return groups.filter((g) => g.tasks.length > 0);
}

function number(value: number | null, measure: string | null) {
  return value === null ? '—' : `${value}${measure ?? ''}`;
}

function taskParagraphs(
  t: TaskItem,
  latest: { date: string; text: string } | undefined,
  inds: IndicatorRow[],
) {
  const out: FileChild[] = [heading2(`${t.number ? `${t.number}．` : ''}${t.title}`)];
  const who = [
    `牵头部门：${t.lead?.name ?? '未指定'}`,
    names(t) && `参与部门：${names(t)}`,
    t.collective && `其他：${t.collective}`,
    t.owner && `责任人：${t.owner}`,
  ].filter(Boolean);
  out.push(paragraph(`${who.join('；')}。`));
  const deadline = t.deadlineText ? `${ymd(t.deadline)}（原文：${t.deadlineText}）` : ymd(t.deadline);
  out.push(
    paragraph(
      `截止时间：${deadline}；当前状态：${TASK_STATUSES[t.effectiveStatus]}，完成 ${t.progress}%，` +
        `${LIGHTS[t.light]}（${t.lightReason}）。`,
    ),
  );
  out.push(
    paragraph(latest ? `最新进展（${chineseDate(latest.date)}）：${latest.text}` : '最新进展：尚未填报。'),
  );
  if (inds.length) {
    out.push(
      table(
        ['量化指标', '目标', '实际', '完成情况'],
        inds.map((i) => {
          const met = indicatorMet(i);
          return [
            i.period ? `${i.name}（${i.period}）` : i.name,
            `${i.comparator} ${number(i.target, i.measure)}`,
            number(i.actual, i.measure),
            met === null ? '未填报' : met ? '已达到' : '未达到',
          ];
        }),
        [46, 18, 18, 18],
      ),
      gap(),
    );
  }
  return out;
}

/** 推进情况报告 in 公文 style: summary by status and light, then every task with its latest progress. */
export async function report(ctx: PlansCtx, id: number) {
  const plan = await detail(ctx, id);
  const [unit, latest, indicators] = await Promise.all([
    unitInfo(ctx.db, plan.unit.id),
    latestProgressOfPlan(ctx.db, id),
    indicatorsOfPlan(ctx.db, id),
  ]);
  const today = todayInChina();
  const total = plan.tasks.length;
  const count = (s: TaskStatus) => plan.tasks.filter((t) => t.effectiveStatus === s).length;
  const share = (n: number) => (total ? `${Math.round((100 * n) / total)}%` : '—');
  const c = plan.counts;
  const children: FileChild[] = [
    ...title(plan.title),
    subtitle('任务推进情况报告'),
    subtitle([plan.docNumber, unit.orgName, `截至${chineseDate(today)}`].filter(Boolean).join('　')),
    gap(),
    paragraph(
      `截至${chineseDate(today)}，方案共 ${total} 项任务，已完成 ${count('done')} 项，进行中 ${count('in_progress')} 项，` +
        `未开始 ${count('not_started')} 项，滞后 ${count('lagging')} 项（其中超过截止日期未完成 ${c.overdue} 项）；` +
        `红灯 ${c.red} 项、黄灯 ${c.yellow} 项、绿灯 ${c.green} 项、未设期限 ${c.grey} 项。`,
    ),
    table(
      ['状态', '任务数', '占比'],
      [
        ...STATUS_ORDER.map((s) => [TASK_STATUSES[s], count(s), share(count(s))]),
        ['合计', total, share(total)],
      ],
      [40, 30, 30],
    ),
    gap(),
  ];
  for (const group of bySection(plan)) {
    if (group.heading) children.push(heading1(group.heading));
    for (const t of group.tasks) {
      children.push(
        ...taskParagraphs(
          t,
          latest.find((l) => l.taskId === t.id),
          indicators.filter((i) => i.taskId === t.id),
        ),
      );
    }
  }
  children.push(gap(), ...signature([unit.orgName, chineseDate(today)]));
  const buffer = await buildDocx(children, { title: `${plan.title}任务推进情况报告` });
  await ctx.audit({
    action: 'plan.report_exported',
    targetType: 'work_plan',
    targetId: id,
    targetLabel: plan.title,
    detail: { tasks: total, overdue: c.overdue },
  });
  return { buffer, filename: `${fileTitle(plan.title)}-推进情况报告.docx` };
}

/** 任务分工表: one row per task, the departments as columns with ● for the lead and ○ for participants. */
export async function divisionXlsx(ctx: PlansCtx, id: number) {
  const plan = await detail(ctx, id);
  const rows: XlsxRow[] = plan.tasks.map((t) => {
    const row: XlsxRow = {
      number: [t.section?.number, t.number].filter(Boolean).join('.'),
      section: t.section?.title ?? '',
      title: t.title,
      lead: t.lead?.name ?? '',
      participants: names(t),
      collective: t.collective ?? '',
      owner: t.owner ?? '',
      deadline: t.deadline ?? '',
      status: TASK_STATUSES[t.effectiveStatus],
      progress: `${t.progress}%`,
    };
    for (const d of plan.departments) {
      row[`d${d.id}`] = t.lead?.id === d.id ? '●' : t.participants.some((p) => p.id === d.id) ? '○' : '';
    }
    return row;
  });
  const buffer = await writeXlsx({
    sheetName: '任务分工表',
    title: `${plan.title}任务分工表`,
    subtitleRows: ['●为牵头部门，○为参与部门', `${plan.unit.name} · 导出时间 ${beijingTime()}`],
    columns: [
      { header: '序号', key: 'number', width: 8 },
      { header: '章节', key: 'section', width: 24 },
      { header: '任务', key: 'title', width: 36 },
      { header: '牵头部门', key: 'lead', width: 12 },
      { header: '参与部门', key: 'participants', width: 24 },
      { header: '其他责任单位', key: 'collective', width: 18 },
      { header: '责任人', key: 'owner', width: 10 },
      { header: '截止日期', key: 'deadline', width: 12 },
      { header: '状态', key: 'status', width: 8 },
      { header: '完成进度', key: 'progress', width: 9 },
      ...plan.departments.map((d) => ({ header: d.name, key: `d${d.id}`, width: 8 })),
    ],
    rows,
  });
  await ctx.audit({
    action: 'plan.tasks_exported',
    targetType: 'work_plan',
    targetId: id,
    targetLabel: plan.title,
    detail: { tasks: rows.length },
  });
  return { buffer, filename: `${fileTitle(plan.title)}-任务分工表.xlsx` };
}
