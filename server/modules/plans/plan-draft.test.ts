import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { matchDepartment } from './plan-department-match';
import { draftMeta, draftSections, indicatorName, milestoneTitle } from './plan-draft';
import { parsePlanText } from './plan-parser';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');
const STANDING = [
  '办公室',
  '组织部',
  '宣传部',
  '统战部',
  '学少部',
  '青发部',
  '社会联络部',
  '志联部',
  '权益部',
];
const DEPARTMENTS = STANDING.map((name, i) => ({ id: i + 1, name }));

describe('matchDepartment', () => {
  it('matches the name as written, the full name and the committee-prefixed name', () => {
    expect(matchDepartment('青发部', DEPARTMENTS)?.name).toBe('青发部');
    expect(matchDepartment('青年发展部', DEPARTMENTS)?.name).toBe('青发部');
    expect(matchDepartment('团市委宣传部', DEPARTMENTS)?.name).toBe('宣传部');
    expect(matchDepartment('共青团南昌市委组织部', DEPARTMENTS)?.name).toBe('组织部');
    expect(matchDepartment('统一战线工作部', DEPARTMENTS)?.name).toBe('统战部');
  });

  it('matches a unit that uses the full names', () => {
    const full = [{ id: 1, name: '青年发展部' }];
    expect(matchDepartment('青发部', full)?.id).toBe(1);
  });

  it('leaves a name the unit does not have unmatched', () => {
    expect(matchDepartment('南青基金', DEPARTMENTS)).toBeUndefined();
    expect(matchDepartment('团委办公室', [{ id: 1, name: '宣传部' }])).toBeUndefined();
  });
});

describe('milestoneTitle', () => {
  const text =
    '4—5月，各地在组织专题调研、摸清本地新兴领域青年底数的基础上，明确主攻方向。6 月 31 日前完成首批重点领域培养对象的遴选工作，建立花名册。';

  it('takes the clause around the date without the date', () => {
    expect(milestoneTitle(text, '6 月 31 日前').title).toBe('完成首批重点领域培养对象的遴选工作');
  });

  it('takes the next clause when the date stands alone in its clause', () => {
    expect(milestoneTitle(text, '4—5月').title).toBe('各地在组织专题调研、摸清本地新兴领域青年底数的基础上');
  });
});

describe('indicatorName', () => {
  it('names the indicator from the words of its clause, without the period', () => {
    const name = (text: string, phrase: string, period?: string) =>
      indicatorName(text, { phrase, ...(period ? { period } : {}) }).name;
    expect(name('力争每年提供不少于5000个适合大学生就业的岗位信息。', '不少于5000个', '每年')).toBe(
      '提供适合大学生就业的岗位信息',
    );
    expect(name('5年内全市各地区各领域团组织培养总规模达到10000人。', '达到10000人', '5年内')).toBe(
      '全市各地区各领域团组织培养总规模',
    );
    expect(name('市县两级专职团干部全年至少开展一次培训宣讲。', '至少开展一次', '全年')).toBe(
      '市县两级专职团干部开展培训宣讲',
    );
  });
});

describe('seed 002 as a draft', () => {
  const parsed = parsePlanText(fixture('002_5c95f390a569039a.txt'));
  const { sections, newDepartments } = draftSections(parsed, DEPARTMENTS);
  const tasks = sections.flatMap((s) => s.tasks);

  it('reads the document number, the issuer, the signing date and the kind', () => {
    expect(draftMeta(parsed)).toEqual({
      title: '在推进“五城”建设、彰显省会担当进程中组织动员广大团员青年建功立业的实施方案',
      kind: 'implementation',
      year: 2021,
      docNumber: '洪青发〔2021〕7号',
      issuer: '共青团南昌市委',
      startDate: '2021-03-17',
      endDate: null,
    });
  });

  it('keeps the 23 tasks with their departments and marks 南青基金 as new', () => {
    expect(tasks).toHaveLength(23);
    expect(tasks[6]).toMatchObject({
      lead: '青发部',
      participants: ['组织部', '宣传部', '统战部', '学少部', '志联部'],
    });
    expect(tasks[19]).toMatchObject({
      lead: '办公室',
      participants: [],
      collective: '机关各部门、下属各单位',
    });
    expect(newDepartments).toEqual(['南青基金']);
  });

  it('proposes named indicators', () => {
    expect(tasks[12].indicators).toEqual([
      {
        name: '提供适合大学生就业的岗位信息',
        phrase: '不少于5000个',
        comparator: '≥',
        target: 5000,
        measure: '个',
        period: '每年',
      },
    ]);
    expect(tasks[18].indicators[0]).toMatchObject({
      name: '元宵节、七夕节等传统佳节开展青年交友活动',
      target: 10,
    });
  });
});

describe('seed 000 as a draft', () => {
  const parsed = parsePlanText(fixture('000_9aa1112e649a6738.txt'));
  const steps = draftSections(parsed, DEPARTMENTS).sections[3];

  it('turns the dated steps into milestones, the latest date the deadline, 6月31日 kept as a problem', () => {
    expect(draftMeta(parsed)).toMatchObject({
      docNumber: '中青办发〔2017〕7号',
      issuer: '共青团中央办公厅',
      year: 2017,
      startDate: '2017-04-26',
    });
    const step2 = steps.tasks[1];
    expect(step2.milestones).toEqual([
      {
        title: '各地在组织专题调研、摸清本地新兴领域青年底数的基础上',
        dueDate: '2017-05-31',
        dueText: '4—5月',
        problem: null,
      },
      {
        title: '完成首批重点领域培养对象的遴选工作',
        dueDate: null,
        dueText: '6 月 31 日前',
        problem: '日期不存在：6月31日（6月只有30天），请更正',
      },
    ]);
    expect(step2).toMatchObject({ deadline: '2017-05-31', deadlineText: '4—5月' });
    expect(steps.tasks.map((t) => t.deadline)).toEqual([
      '2017-03-31',
      '2017-05-31',
      '2017-11-30',
      '2017-12-31',
    ]);
  });
});
