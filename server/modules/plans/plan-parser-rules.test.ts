import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wordParagraphs, writeDocx } from './fixtures/hostile-docx';
import { readPlanDocument } from './plan-docx';
import { parsePlanText } from './plan-parser';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');
const SEED_003 = fixture('003_9a1a7eb182e44394.txt');

// A plan whose first chapter groups its 1. tasks under （一） sub-headings, and whose second numbers its tasks
// （一）（二）（三）, each with its own content and 责任部门 note.
const MIXED = [
  '2024年共青团工作要点',
  '一、思想引领',
  '（一）理论武装',
  '1. 开展学习。组织团员青年集中学习。（责任部门：宣传部）',
  '2. 深化宣讲。组建青年讲师团。（责任部门：宣传部、组织部）',
  '（二）实践育人',
  '3. 开展实践。组织社会实践活动。（责任部门：学少部）',
  '二、服务青年',
  '（一）促进就业创业。每年提供不少于5000个岗位信息，举办招聘活动。（责任部门：青发部、学少部）',
  '（二）关爱青少年成长。推进“最多跑一次”改革，开展心理健康服务。（责任部门：权益部）',
  '（三）开展婚恋交友。举办交友活动不少于10场。（责任部门：权益部、志联部）',
  '三、保障措施',
  '（一）加强组织领导',
  '各级团组织要高度重视。',
].join('\n');

describe('a chapter of （一） tasks beside a chapter of （一） sub-headings', () => {
  const outline = (text: string) =>
    parsePlanText(text).sections.map((s) => [
      s.number,
      s.title,
      s.tasks.map((t) => [t.number, t.title, t.lead, t.indicators.map((i) => i.phrase)]),
    ]);
  const expected = [
    ['一', '思想引领', []],
    [
      '一（一）',
      '理论武装',
      [
        ['1', '开展学习', '宣传部', []],
        ['2', '深化宣讲', '宣传部', []],
      ],
    ],
    ['一（二）', '实践育人', [['3', '开展实践', '学少部', []]]],
    [
      '二',
      '服务青年',
      [
        ['（一）', '促进就业创业', '青发部', ['不少于5000个']],
        ['（二）', '关爱青少年成长', '权益部', []], // “最多跑一次” is a slogan
        ['（三）', '开展婚恋交友', '权益部', ['不少于10场']],
      ],
    ],
    // No notes of its own: it follows the plan, where （一） heads a group.
    ['三', '保障措施', []],
    ['三（一）', '加强组织领导', []],
  ];

  it('reads the second chapter’s （一） items as its tasks, with their notes and targets', () => {
    expect(outline(MIXED)).toEqual(expected);
    expect(parsePlanText(MIXED).problems).toEqual([]);
  });

  it('reads the same from the .docx as Word saves it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'zhumeng-plan-rules-'));
    try {
      const path = join(dir, 'mixed.docx');
      const { fileBytes } = await writeDocx(path, wordParagraphs(MIXED, 3));
      const text = await readPlanDocument({ path, size: fileBytes });
      expect(outline(text)).toEqual(expected);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('seed 003: 团中央 全国青联 notice on local Youth Federation societies', () => {
  const plan = parsePlanText(SEED_003);

  it('reads its chapters and numbered measures, the 抄送 and issue date as closing', () => {
    expect(plan.title).toBe('共青团中央 全国青联 关于在全国开展健全地方青联组织社团 基础工作的通知');
    expect(plan.sections.map((s) => [s.number, s.title, s.tasks.length])).toEqual([
      ['一', '工作目标', 0],
      ['二', '工作原则', 4],
      ['三', '工作举措', 5],
      ['四', '组织实施', 3],
    ]);
    expect(plan.sections[2].tasks.map((t) => t.title)).toEqual([
      '覆盖新兴领域青年',
      '培育骨干力量',
      '建设团属青年社团',
      '联系本地各类青年社团',
      '吸纳会员团体',
    ]);
    expect(plan.closing).toMatch(/^抄送：/);
    expect(plan.closing).toMatch(/2021年6月30日印发$/);
    expect(plan.problems).toEqual([]);
  });

  it('keeps the targets of §一 in the chapter’s text, with their period', () => {
    expect(plan.sections[0].intro).toMatch(/^2至3年内，全国地级市/);
    expect(plan.sections[0].intro).toContain('有3个以上会员团体');
  });
});

// Lines a received plan is made of, and noise: headings, numbered items, notes, dates, quantities, slogans.
const line = fc.oneof(
  fc.constantFrom(
    '一、总体要求',
    '二、重点任务',
    '十二、保障措施',
    '（一）加强组织领导',
    '（二）促进就业创业。每年提供不少于5000个岗位。',
    '1. 开展学习。',
    '2、建强阵地；',
    '(3) 分散学习。',
    '（责任部门：宣传部、组织部）',
    '牵头部门：组织部；配合部门：机关各部门',
    '6月31日前完成。',
    '2月30日前报送。',
    '4—5月，各地开展调研。',
    '推进“最多跑一次”改革，至少下跨两级。',
    '附件：名单',
    '共青团某某市委',
    '2021年3月17日印发',
    '',
  ),
  fc.string({
    unit: fc.constantFrom(
      ...'一二三四五六七八九十、。，；：（）()“”《》0123456789 年月日部门任务青年团委'.split(''),
    ),
  }),
);

describe('parsePlanText on any Chinese text', () => {
  it('never throws, and its problems name places in Chinese, never a field path', () => {
    fc.assert(
      fc.property(
        fc.array(line, { maxLength: 40 }),
        fc.option(fc.integer({ min: 2000, max: 2100 })),
        (lines, year) => {
          const plan = parsePlanText(lines.join('\n'), year ? { year } : {});
          for (const p of plan.problems) {
            expect(`${p.where}${p.message}`).not.toMatch(/[A-Za-z]/);
            expect(p.message).toMatch(/[\u4e00-\u9fff]/);
          }
          const tasks = plan.sections.flatMap((s) => s.tasks);
          for (const t of tasks) for (const i of t.indicators) expect(i.unit).not.toBe('级');
        },
      ),
      { numRuns: 300 },
    );
  });
});
