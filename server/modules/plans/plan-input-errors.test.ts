import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestContext,
  createUser,
  login,
  unitIdByCode,
  type Agent,
  type TestContext,
} from '../../test/harness';
import { chineseOrdinal, namePlanPath, planValidationError } from './plan-input-errors';
import { manualPlan } from './plan-test-support';

/** A field path as the validator reports it, anywhere in a message meant for a person. */
const ASCII_PATH = /sections|tasks|milestones|indicators|participants|[a-z]\.\d|\d\.[a-z]/i;

describe('namePlanPath', () => {
  const body = {
    sections: [
      { title: '思想引领', tasks: [{ title: '开展学习' }] },
      {
        title: '组织建设',
        tasks: [
          { title: '扩大覆盖' },
          { title: '建强阵地' },
          {
            title: '',
            content: '各级团组织要高度重视，切实抓好落实',
            milestones: [{ title: '6月底前完成摸底' }],
            indicators: [{ name: '新建青年之家' }],
            participants: ['宣传部'],
          },
        ],
      },
    ],
  };

  it('names the section by its place, the task by its place and words, and the field', () => {
    expect(namePlanPath(['sections', 1, 'tasks', 1, 'title'], body)).toEqual({
      where: '第二部分第 2 项任务「建强阵地」',
      field: '标题',
    });
    expect(namePlanPath(['sections', 1, 'tasks', 2, 'milestones', 0, 'dueDate'], body)).toEqual({
      where: '第二部分第 3 项任务「各级团组织要高度重视，切实抓好落实」第 1 个推进节点「6月底前完成摸底」',
      field: '日期',
    });
    expect(namePlanPath(['sections', 1, 'tasks', 2, 'participants', 0], body).where).toBe(
      '第二部分第 3 项任务「各级团组织要高度重视，切实抓好落实」第 1 个参与部门「宣传部」',
    );
    expect(namePlanPath(['title'], body)).toEqual({ where: '', field: '标题' });
    expect(namePlanPath(['sections', 0, 'tasks'], body)).toEqual({ where: '第一部分', field: '任务' });
  });

  it('counts sections in Chinese', () => {
    expect([1, 10, 12, 20, 35, 99, 100].map(chineseOrdinal)).toEqual([
      '一',
      '十',
      '十二',
      '二十',
      '三十五',
      '九十九',
      '100',
    ]);
  });

  it('never lets a field path through, whatever the path, the body and the validator says', () => {
    const key = fc.oneof(
      fc.constantFrom('sections', 'tasks', 'milestones', 'indicators', 'participants', 'title', 'lead'),
      fc.nat({ max: 600 }),
      fc.string(),
    );
    const chinese = fc.string({ unit: fc.constantFrom(...'标题不能为空请填写部门日期'), minLength: 1 });
    const message = fc.oneof(
      fc.constantFrom('Too big: expected string to have <=300 characters', 'Required'),
      chinese,
    );
    const keyword = fc.constantFrom('too_big', 'too_small', 'invalid_type', 'invalid_value', 'custom');
    fc.assert(
      fc.property(
        fc.array(key, { maxLength: 8 }),
        fc.anything(),
        message,
        keyword,
        (path, body, text, code) => {
          const issue = { instancePath: `/${path.join('/')}`, keyword: code, message: text, params: {} };
          const error = planValidationError([issue], body);
          expect(error.message).not.toMatch(ASCII_PATH);
          expect(error.message).not.toMatch(/[a-z]{3}/i);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('plan requests refused with the task named', () => {
  let t: TestContext;
  let op: Agent;
  let unitId: number;

  beforeAll(async () => {
    t = await createTestContext();
    unitId = await unitIdByCode(t.db, '360100');
    op = await login(t, await createUser(t, { role: 'operator', unitCode: '360100', totp: false }));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('names the section and the task of an empty or overlong title, never sections.0.tasks.2.title', async () => {
    const body = manualPlan(unitId, [{ title: '开展学习' }, { title: '建强阵地' }, { title: '' }]);
    body.sections[0].tasks[2].content = '各级团组织要高度重视';
    const res = await op.post('/api/plans', body);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe('第一部分第 3 项任务「各级团组织要高度重视」：标题不能为空');
    expect(res.json().message).not.toMatch(ASCII_PATH);

    const long = manualPlan(unitId, [{ title: '开展学习' }, { title: '长'.repeat(301) }]);
    const tooLong = await op.post('/api/plans', long);
    expect(tooLong.json().message).toMatch(/^第一部分第 2 项任务「长{20}…」：标题不能超过 300 个字$/);
  });

  it('states the caps on tasks, milestones and pasted text', async () => {
    const many = manualPlan(
      unitId,
      Array.from({ length: 501 }, (_, i) => ({ title: `任务${i + 1}` })),
    );
    const res = await op.post('/api/plans', many);
    expect(res.json().message).toBe('第一部分：一个部分的任务不能超过 500 项，请拆分章节');

    const steps = manualPlan(unitId, [
      { title: '开展学习', milestones: Array.from({ length: 51 }, () => ({ title: '节点', dueDate: null })) },
    ]);
    expect((await op.post('/api/plans', steps)).json().message).toBe(
      '第一部分第 1 项任务「开展学习」：推进节点不能超过 50 个',
    );

    const text = await op.post('/api/plans/drafts/text', { unitId, text: '字'.repeat(200_001) });
    expect(text.json().message).toBe('方案全文不能超过 200,000 字，请分几部分导入');
  });

  it('refuses a pasted plan whose section has more tasks than one may hold, stating the cap', async () => {
    const lines = ['一、重点任务', ...Array.from({ length: 501 }, (_, i) => `${i + 1}. 第${i + 1}项任务。`)];
    const res = await op.post('/api/plans/drafts/text', { unitId, text: lines.join('\n') });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe(
      '“一、重点任务”识别出 501 项任务，超过一个部分 500 项任务的上限；请拆分章节或分几部分导入',
    );
  });

  it('still sends other errors through the platform handler', async () => {
    const res = await op.get('/api/plans/999999999');
    expect(res.statusCode).toBe(404);
    expect(res.json().message).toMatch(/不存在/);
  });
});
