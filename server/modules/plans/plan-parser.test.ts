import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePlanText } from './plan-parser';

// Copies of ../shared/seeds/002_… and 000_…, text unchanged (the seeds live outside the repository).
const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');
const SEED_002 = fixture('002_5c95f390a569039a.txt');
const SEED_000 = fixture('000_9aa1112e649a6738.txt');

// Seed 002, read by hand: number, section, title, lead, participants, collective.
const EXPECTED_002: [string, string, string, string, string[], string?][] = [
  ['1', '一', '加强团员青年思想理论武装', '宣传部', ['组织部', '学少部']],
  ['2', '一', '坚定青少年理想信念', '宣传部', ['学少部']],
  ['3', '一', '广泛开展形势政策教育', '宣传部', ['学少部', '志联部']],
  ['4', '一', '弘扬和践行社会主义核心价值观', '宣传部', ['志联部', '学少部']],
  ['5', '二', '实施青少年科技创新攀登行动', '统战部', ['学少部', '青发部']],
  ['6', '二', '实施新时代青年岗位建功行动', '青发部', ['学少部', '志联部']],
  ['7', '二', '深化乡村振兴青春建功行动', '青发部', ['组织部', '宣传部', '统战部', '学少部', '志联部']],
  ['8', '二', '推动青年助力文化之城建设', '宣传部', ['组织部', '青发部', '统战部', '学少部']],
  ['9', '二', '深化“美丽中国·青春行动”', '志联部', []],
  ['10', '二', '推动青年广泛参与社会治理', '志联部', ['青发部', '统战部', '权益部']],
  ['11', '二', '深化南昌青年志愿者行动', '志联部', ['学少部']],
  ['12', '二', '实施青年大开放行动', '统战部', ['青发部']],
  ['13', '三', '深化青年就业创业促进计划', '青发部', ['学少部']],
  ['14', '三', '实施大中专学生社会实践知行计划', '学少部', ['组织部', '青发部', '志联部']],
  ['15', '三', '深化实施新时代希望工程', '南青基金', ['统战部', '志联部']],
  ['16', '三', '实施青年人才培养计划', '统战部', ['组织部', '学少部', '青发部', '志联部']],
  ['17', '三', '实施新兴青年成长计划', '志联部', ['统战部', '宣传部']],
  ['18', '三', '促进青少年身心健康成长', '权益部', ['宣传部', '志联部', '学少部', '南青基金']],
  ['19', '三', '开展青年婚恋家庭公共服务', '权益部', ['志联部', '宣传部']],
  ['20', '四', '加强共青团体制机制建设', '办公室', [], '机关各部门、下属各单位'],
  ['21', '四', '完善青年发展规划工作体系', '青发部', [], '机关各部门'],
  ['22', '四', '强化资源整合和平台建设', '办公室', ['组织部', '宣传部', '志联部']],
  ['23', '四', '建设高素质团干部队伍', '组织部', []],
];

describe('seed 002: 团南昌市委 implementation plan', () => {
  const plan = parsePlanText(SEED_002);
  const tasks = plan.sections.flatMap((s) => s.tasks.map((t) => ({ ...t, section: s.number })));
  const task = (n: string) => tasks.find((t) => t.number === n)!;

  it('has no problems, the title, the preamble and the closing apart from the tasks', () => {
    expect(plan.problems).toEqual([]);
    expect(plan.title).toBe('在推进“五城”建设、彰显省会担当进程中组织动员广大团员青年建功立业的实施方案');
    expect(plan.preamble).toMatch(/^共青团南昌市委\n洪青发〔2021〕7号\n关于印发《/);
    expect(plan.preamble).toContain('研究制定本实施方案。');
    expect(plan.closing).toBe(
      '注：列在首位的为牵头部门，其他为参与部门，落实任务需要增加参与部门的，由牵头部门商有关部门确定。\n' +
        '共青团南昌市委办公室\n2021年3月17日印发',
    );
  });

  it('has its four sections with their tasks', () => {
    expect(plan.sections.map((s) => [s.number, s.tasks.length])).toEqual([
      ['一', 4],
      ['二', 8],
      ['三', 7],
      ['四', 4],
    ]);
    expect(plan.sections[0].title).toBe(
      '加强青少年思想政治引领，筑牢为全面建设社会主义现代化国家建功立业的思想根基',
    );
    expect(plan.sections.every((s) => s.intro === '')).toBe(true);
  });

  it('comes out as its 23 tasks, each with its title, lead and participating departments', () => {
    expect(
      tasks.map((t) => [
        t.number,
        t.section,
        t.title,
        t.lead,
        t.participants,
        ...(t.collective ? [t.collective] : []),
      ]),
    ).toEqual(EXPECTED_002);
  });

  it('keeps the note as written and out of the content', () => {
    expect(task('1').departmentsNote).toBe('（责任部门：宣传部、组织部、学少部）');
    expect(task('7').departmentsNote).toBe(
      '（**责任部门：青发部、组织部、宣传部、统战部、学少部、志联部**）',
    );
    expect(task('20').departmentsNote).toBe('（**责任部门：办公室、机关各部门、下属各单位**）');
    for (const t of tasks) {
      expect(t.departmentsNote, t.number).toMatch(/^（(\*\*)?责任部门：.+(\*\*)?）$/);
      expect(t.content, t.number).not.toContain('责任部门');
      expect(t.content, t.number).not.toContain('**');
      expect(t.content.endsWith('。'), t.number).toBe(true);
    }
  });

  it('joins the paragraphs broken by page layout', () => {
    // Every task of seed 002 is one paragraph.
    for (const t of tasks) expect(t.content, t.number).not.toContain('\n');
    expect(task('1').content).toMatch(/^坚持以团支部为基本组织载体/);
    expect(task('2').content).toContain('深入开展爱国主义、集体主义、社会主义教育');
    expect(task('3').content).toContain('关心关怀及时传递到青少年当中');
    expect(task('5').content).toContain('开展南昌籍学子返乡调研');
    expect(task('7').content).toContain('加强对农村少先队工作的指导力度');
    expect(task('10').content).toMatch(/^发挥共青团、青联的组织优势，引导青年/);
    expect(task('12').content).toContain('沿海发达地区，加强区域间青年交流与合作');
    expect(task('14').content).toContain('开展大中专学生“返家乡”社会实践活动');
    expect(task('16').content).toContain('和社会组织等领域培养一大批');
    expect(task('19').content).toContain('在城乡社区积极参与普惠型、互助性养老服务');
    expect(task('21').content).toContain('提出科学可行的政策建议');
    expect(task('23').content).toContain('至少下跨两级分批对各层级团干部进行轮训');
  });

  it('keeps a note on its own line after a blank line with its task (6 and 18)', () => {
    expect(task('6').departmentsNote).toBe('（责任部门：青发部、学少部、志联部）');
    expect(task('6').content.endsWith('努力培养更多青年高技能人才。')).toBe(true);
    expect(task('18').lead).toBe('权益部');
    expect(task('18').content.endsWith('提供亲情陪伴、成长辅导等服务。')).toBe(true);
  });

  it('proposes the quantitative phrases as indicators', () => {
    const withIndicators = Object.fromEntries(
      tasks.filter((t) => t.indicators.length).map((t) => [t.number, t.indicators]),
    );
    expect(withIndicators).toEqual({
      '13': [{ phrase: '不少于5000个', target: 5000, unit: '个', comparator: '≥', period: '每年' }],
      '14': [{ phrase: '至少有机会参加一次', target: 1, unit: '次', comparator: '≥', period: '在校期间' }],
      '16': [{ phrase: '达到10000人', target: 10000, unit: '人', comparator: '=', period: '5年内' }],
      '19': [{ phrase: '不少于10场', target: 10, unit: '场', comparator: '≥' }],
      // Not 至少下跨两级: a rank, not an amount of work.
      '23': [{ phrase: '至少开展一次', target: 1, unit: '次', comparator: '≥', period: '全年' }],
    });
  });

  it('finds no dates in tasks that have none', () => {
    expect(tasks.flatMap((t) => t.dates)).toEqual([]);
  });
});

describe('seed 000: the 2017 推进步骤', () => {
  const plan = parsePlanText(SEED_000);
  const steps = plan.sections.find((s) => s.title === '2017年推进步骤')!;

  it('reads the notice as sections of tasks, the attachment as closing', () => {
    expect(plan.title).toBe('关于实施新兴青年群体“筑梦计划”的通知');
    expect(plan.sections.map((s) => [s.number, s.title, s.tasks.length])).toEqual([
      ['一', '总体思路', 0],
      ['二', '工作内容', 5],
      ['三', '保障措施', 4],
      ['四', '2017年推进步骤', 4],
    ]);
    expect(plan.sections[0].intro).toMatch(/^“筑梦计划”聚焦签约作家/);
    expect(plan.sections[1].tasks[0].title).toBe('确定联系对象');
    // 青\n\n年 across the page break
    expect(plan.sections[1].tasks[0].content).toContain('积极向上的青年，要确定为共青团的重点培养对象');
    expect(plan.closing).toMatch(/^附件：实施新兴青年群体“筑梦计划”重点联系城市名单\n联系人：/);
    expect(plan.closing).toContain('2017年4月28日印发');
  });

  it('dates the steps in 2017 and flags 6月31日 for correction instead of accepting it', () => {
    expect(steps.tasks.map((t) => t.dates)).toEqual([
      [{ text: '3月', date: '2017-03-31' }],
      [
        { text: '4—5月', date: '2017-05-31', from: '2017-04-01' },
        { text: '6 月 31 日前', problem: '日期不存在：6月31日（6月只有30天），请更正' },
      ],
      [{ text: '6—11 月', date: '2017-11-30', from: '2017-06-01' }],
      [{ text: '12 月', date: '2017-12-31' }],
    ]);
    expect(plan.problems).toEqual([
      { where: '四、第2项', message: '日期不存在：6月31日（6月只有30天），请更正' },
    ]);
  });

  it('joins step 2 across its page break and keeps its title to the first sentence', () => {
    const step2 = steps.tasks[1];
    expect(step2.title).toBe(
      '4—5月，各地在组织专题调研、摸清本地新兴领域青年底数的基础上，明确 1—3 类重点群体确定工作的主攻方向（也可以对 6 类人群普遍联系）',
    );
    expect(step2.content).toMatch(/^制定本地区的实施细则/);
    expect(step2.departmentsNote).toBe('');
  });

  it('uses the year given by the caller when the plan is issued again as a template', () => {
    const again = parsePlanText(SEED_000, { year: 2018 });
    const dates = again.sections[3].tasks.flatMap((t) => t.dates);
    expect(dates.map((d) => d.date)).toEqual([
      '2018-03-31',
      '2018-05-31',
      undefined,
      '2018-11-30',
      '2018-12-31',
    ]);
  });
});

describe('other layouts', () => {
  it('reads 1、 and full-width １． numbering, with no 责任部门 at all', () => {
    const plan = parsePlanText(
      [
        '2024年工作要点',
        '一、思想引领',
        '1、开展主题教育。全年开展不少于12次。',
        '２．建好阵地。',
        '二、组织建设',
        '3、扩大覆盖。',
      ].join('\n'),
    );
    expect(plan.title).toBe('2024年工作要点');
    expect(plan.preamble).toBe('');
    expect(plan.sections.map((s) => s.tasks.map((t) => [t.number, t.title, t.content]))).toEqual([
      [
        ['1', '开展主题教育', '全年开展不少于12次。'],
        ['2', '建好阵地', ''],
      ],
      [['3', '扩大覆盖', '']],
    ]);
    const first = plan.sections[0].tasks[0];
    expect(first).toMatchObject({ departmentsNote: '', participants: [] });
    expect(first.lead).toBeUndefined();
    expect(first.indicators).toEqual([
      { phrase: '不少于12次', target: 12, unit: '次', comparator: '≥', period: '全年' },
    ]);
    expect(plan.problems).toEqual([]);
  });

  it('reads （一） tasks, bare heading lines and notes spelled 牵头部门/配合部门', () => {
    const plan = parsePlanText(
      [
        '一、重点任务',
        '（一）加强组织领导',
        '各级团组织要高度重视，',
        '',
        '切实抓好落实。',
        '牵头部门：组织部；配合部门：宣传部、办公室',
        '（二）做好宣传引导',
        '（责任单位：宣传部）',
        '用好新媒体。',
      ].join('\n'),
    );
    const [first, second] = plan.sections[0].tasks;
    expect(first).toMatchObject({
      number: '（一）',
      title: '加强组织领导',
      content: '各级团组织要高度重视，切实抓好落实。',
      departmentsNote: '牵头部门：组织部；配合部门：宣传部、办公室',
      lead: '组织部',
      participants: ['宣传部', '办公室'],
    });
    expect(second).toMatchObject({ title: '做好宣传引导', content: '用好新媒体。', lead: '宣传部' });
    expect(plan.problems).toEqual([]);
  });

  it('makes （一） sub-headings sections when the notes are on the 1. tasks, and 1) items content', () => {
    const plan = parsePlanText(
      [
        '一、重点任务',
        '（一）思想引领',
        '1. 开展学习。分两步：',
        '(1) 集中学习；',
        '(2) 分散学习。（责任部门：宣传部）',
        '（二）组织建设',
        '2. 扩大覆盖。（责任部门：组织部、各团县（区）委）',
      ].join('\n'),
    );
    expect(plan.sections.map((s) => [s.number, s.title, s.tasks.map((t) => t.number)])).toEqual([
      ['一', '重点任务', []],
      ['一（一）', '思想引领', ['1']],
      ['一（二）', '组织建设', ['2']],
    ]);
    expect(plan.sections[1].tasks[0].content).toBe('分两步：\n(1) 集中学习；\n(2) 分散学习。');
    expect(plan.sections[2].tasks[0]).toMatchObject({
      lead: '组织部',
      participants: [],
      collective: '各团县（区）委',
    });
  });

  it('reads a plan with no section headings', () => {
    const plan = parsePlanText('1. 第一项。内容。\n2. 第二项。');
    expect(plan.sections).toHaveLength(1);
    expect(plan.sections[0]).toMatchObject({ number: '', title: '' });
    expect(plan.sections[0].tasks.map((t) => t.title)).toEqual(['第一项', '第二项']);
  });

  it('does not take 五四、六一、七一、八一 at a line start for a section heading', () => {
    const plan = parsePlanText(
      '一、引领\n1. 开展活动。利用五四、六一、七一、\n\n八一、国庆等重要时间节点开展活动。',
    );
    expect(plan.sections).toHaveLength(1);
    expect(plan.sections[0].tasks[0].content).toBe(
      '利用五四、六一、七一、八一、国庆等重要时间节点开展活动。',
    );
  });

  it('reports gaps in numbering, missing notes and a lead that is only a collective', () => {
    const plan = parsePlanText(
      [
        '一、任务',
        '1. 甲。（责任部门：组织部）',
        '3. 乙。',
        '4. 丙。（责任部门：机关各部门）',
        '5. 丁。2月30日前完成。（责任部门：宣传部）',
      ].join('\n'),
      { year: 2024 },
    );
    expect(plan.problems).toEqual([
      { where: '一、第3项', message: '编号不连续：上一项是 1，这一项是 3' },
      { where: '一、第3项', message: '未找到责任部门，请指定牵头部门' },
      { where: '一、第4项', message: '责任部门只写了“机关各部门”，请指定牵头部门' },
      { where: '一、第5项', message: '日期不存在：2月30日（2024年2月只有29天），请更正' },
    ]);
  });

  it('says so when there is nothing numbered', () => {
    const plan = parsePlanText('只有一段文字，没有编号。');
    expect(plan.sections).toEqual([]);
    expect(plan.preamble).toBe('只有一段文字，没有编号。');
    expect(plan.problems).toHaveLength(1);
    expect(plan.problems[0].message).toMatch(/^未找到章节/);
  });

  it('normalises CRLF, ideographic spaces, invisible characters and indentation', () => {
    const plan = parsePlanText(
      '\uFEFF一、任务\r\n\u3000\u30001. 加强\u200B学习。\r\n（责任部门：宣传部）\r\n',
    );
    expect(plan.sections[0].tasks[0]).toMatchObject({ title: '加强学习', lead: '宣传部', content: '' });
  });
});

describe('task level', () => {
  it('takes （一） as the tasks when their note follows numbered sub-points', () => {
    const plan = parsePlanText(
      [
        '一、重点任务',
        '（一）加强组织领导。',
        '1. 健全机制；',
        '2. 压实责任。',
        '（责任部门：组织部、办公室）',
        '（二）做好宣传。',
        '（责任部门：宣传部）',
      ].join('\n'),
    );
    expect(plan.sections[0].tasks.map((t) => [t.number, t.title, t.content, t.lead])).toEqual([
      ['（一）', '加强组织领导', '1. 健全机制；\n2. 压实责任。', '组织部'],
      ['（二）', '做好宣传', '', '宣传部'],
    ]);
  });

  it('takes （一） as the tasks and 1. as their points when there are no notes', () => {
    const plan = parsePlanText('一、任务\n（一）甲。\n1. 子项一。\n2. 子项二。\n（二）乙。');
    expect(plan.sections[0].tasks.map((t) => t.number)).toEqual(['（一）', '（二）']);
  });
});
