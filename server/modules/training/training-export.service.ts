import { LESSON_KINDS, TRAINING_LEVELS, TRAINING_MODES } from '../../../common/contracts/training';
import { todayInChina } from '../../../common/validators';
import { beijingTime, writeXlsx, type XlsxColumn } from '../../platform/excel/xlsx-writer';
import * as word from '../../platform/word/word';
import { unitPathOf } from '../youth/youth.repo';
import { iso, percent, type TrainingCtx as Ctx } from './training.context';
import * as classes from './training-class.repo';
import * as enrolments from './training-enrolment.repo';
import { presentEnrolment } from './training-enrolment.service';
import { detail } from './training-class.service';
import { judge } from './training-progress.service';
import { followUpCounts } from './training-progress.repo';

/** The completion list (.xlsx, masked) and the class summary (.docx in 公文 style). */

const COLUMNS: XlsxColumn[] = [
  { header: '序号', key: 'seq', width: 6 },
  { header: '姓名', key: 'name', width: 12 },
  { header: '所在单位', key: 'unit', width: 18 },
  { header: '群体类别', key: 'category', width: 14 },
  { header: '手机号', key: 'phone', width: 16 },
  { header: '重点培养对象', key: 'key', width: 12 },
  { header: '出勤（节）', key: 'attended', width: 10 },
  { header: '出勤率', key: 'rate', width: 10 },
  { header: '结业情况', key: 'result', width: 36 },
];

const safeName = (s: string) => s.replace(/[\\/:*?"<>|]/g, '_');

export async function completionXlsx(ctx: Ctx, classId: number) {
  const c = await classes.findClass(ctx.db, ctx.viewer, classId);
  const rule = c.completionRule ?? { minAttendanceRate: 0.8 };
  const rows = (await enrolments.enrolmentRows(ctx.db, classId)).filter(
    (r) => r.status === 'completed' || r.status === 'admitted',
  );
  const buffer = await writeXlsx({
    sheetName: '结业名单',
    title: `${c.title}结业名单`,
    subtitleRows: [
      `主办单位：${c.unitName}，结业要求：出勤率不低于 ${percent(rule.minAttendanceRate)}，导出时间：${beijingTime()}`,
    ],
    columns: COLUMNS,
    rows: rows.map((r, i) => {
      const p = presentEnrolment(ctx, r);
      const j = judge(r, rule);
      return {
        seq: i + 1,
        name: p.name,
        unit: p.unit.name,
        category: p.category ?? '',
        phone: p.phone ?? '',
        key: p.keyTarget ? '是' : '否',
        attended: `${r.attended}/${r.lessons}`,
        rate: percent(p.attendanceRate),
        result: r.status === 'completed' ? '结业' : `未结业：${j.reason ?? '尚未办理结业'}`,
      };
    }),
  });
  await ctx.audit({
    action: 'training.exported',
    targetType: 'training_class',
    targetId: classId,
    targetLabel: c.title,
    detail: { rows: rows.length },
  });
  return { buffer, filename: `${safeName(c.title)}结业名单.xlsx` };
}

export async function summaryDocx(ctx: Ctx, classId: number) {
  const d = await detail(ctx, classId);
  const rows = await enrolments.enrolmentRows(ctx.db, classId);
  const participants = rows.filter((r) => r.status === 'admitted' || r.status === 'completed');
  const completed = participants.filter((r) => r.status === 'completed');
  const today = todayInChina();
  const [fu, unit] = await Promise.all([
    followUpCounts(ctx.db, classId, today),
    unitPathOf(ctx.db, d.unit.id),
  ]);
  const rule = { minAttendanceRate: d.minAttendanceRate };

  const byCategory = new Map<string, { n: number; key: number }>();
  for (const p of participants) {
    const k = p.categoryLabel ?? '未填写类别';
    const v = byCategory.get(k) ?? { n: 0, key: 0 };
    byCategory.set(k, { n: v.n + 1, key: v.key + (p.keyTarget ? 1 : 0) });
  }
  const keyCount = participants.filter((p) => p.keyTarget).length;
  const marks = participants.reduce((s, p) => s + p.attended, 0);
  const possible = participants.length * d.lessons.length;
  const overallRate = possible > 0 ? marks / possible : null;
  const hours = (kind: 'professional' | 'ideological') =>
    d.lessons.filter((l) => l.kind === kind).reduce((s, l) => s + l.hours, 0);
  const failing = participants.filter((p) => p.status === 'admitted').map((p) => judge(p, rule));
  const finished = d.status === 'finished';
  const time = (s: string) => beijingTime(new Date(iso(s)!)).slice(0, 16);

  const children = [
    ...word.title(`${d.title}总结`),
    word.heading1('一、基本情况'),
    word.paragraph(
      `${d.title}由${unit?.orgName ?? d.unit.name}主办${d.institution ? `，${d.institution.name}承办` : ''}，` +
        `属${TRAINING_LEVELS[d.level]}，于${word.chineseDate(d.startDate)}至${word.chineseDate(d.endDate)}` +
        `以${TRAINING_MODES[d.mode]}方式举办${d.place ? `，培训地点为${d.place}` : ''}。` +
        `培训对象为${d.targetCategories.length ? d.targetCategories.map((c) => c.label).join('、') : '各类新兴青年'}，` +
        `计划招收 ${d.capacity} 人，实际参训 ${participants.length} 人。`,
    ),
    ...(d.description ? [word.paragraph(d.description)] : []),
    word.heading1('二、参训人员构成'),
    word.paragraph(
      `参训学员 ${participants.length} 人，其中重点培养对象 ${keyCount} 人` +
        `${participants.length ? `，占 ${percent(keyCount / participants.length)}` : ''}。按群体类别分布如下：`,
    ),
    word.table(
      ['群体类别', '人数', '其中重点培养对象', '占比'],
      [...byCategory.entries()]
        .sort((a, b) => b[1].n - a[1].n)
        .map(([k, v]) => [k, v.n, v.key, percent(v.n / participants.length)]),
      [40, 18, 24, 18],
    ),
    word.gap(),
    word.heading1('三、课程安排'),
    word.paragraph(
      `共安排课程 ${d.lessons.length} 节，其中专业类 ${d.lessons.filter((l) => l.kind === 'professional').length} 节` +
        `（${hours('professional')} 课时）、思想类 ${d.lessons.filter((l) => l.kind === 'ideological').length} 节` +
        `（${hours('ideological')} 课时）。`,
    ),
    word.table(
      ['序号', '时间', '课程', '类别', '专题', '授课人', '课时'],
      d.lessons.map((l, i) => [
        i + 1,
        time(l.startsAt),
        l.title,
        LESSON_KINDS[l.kind],
        l.topic ?? '',
        l.teacher ?? '',
        l.hours,
      ]),
      [7, 20, 25, 10, 14, 14, 10],
    ),
    word.gap(),
    word.heading1('四、出勤与结业'),
    word.paragraph(
      `结业要求为出勤率不低于 ${percent(d.minAttendanceRate)}。全班平均出勤率 ${percent(overallRate)}。` +
        (finished
          ? `结业 ${completed.length} 人，结业率 ${participants.length ? percent(completed.length / participants.length) : '—'}` +
            `${failing.length ? `；未达到结业要求 ${failing.length} 人` : ''}。`
          : `培训班尚未办理结业，目前按出勤情况可结业 ${participants.length - failing.filter((f) => !f.passes).length} 人。`),
    ),
    ...(d.withdrawnCount ? [word.paragraph(`培训期间退出 ${d.withdrawnCount} 人。`)] : []),
    word.heading1('五、跟踪培养'),
    word.paragraph(
      d.followUpMonths.length
        ? `按照跟踪培养制度，结业学员在培训结束后第 ${d.followUpMonths.join('、')} 个月接受跟踪回访。` +
            `共安排跟踪 ${fu.total} 人次，已完成 ${fu.done} 人次，待跟踪 ${fu.total - fu.done} 人次` +
            `${fu.overdue ? `，其中逾期 ${fu.overdue} 人次` : ''}。`
        : '本班未设置跟踪培养计划。',
    ),
    word.gap(),
    ...word.signature([unit?.orgName ?? d.unit.name, word.chineseDate(today)]),
  ];
  const buffer = await word.buildDocx(children, { title: `${d.title}总结` });
  await ctx.audit({
    action: 'training.summary_exported',
    targetType: 'training_class',
    targetId: classId,
    targetLabel: d.title,
  });
  return { buffer, filename: `${safeName(d.title)}总结.docx` };
}
