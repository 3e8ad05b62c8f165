import { describe, expect, it } from 'vitest';
import { findDepartmentsNote, parseDepartmentsNote, splitDepartmentNames } from './plan-departments';

describe('parseDepartmentsNote: the usual spellings', () => {
  it.each([
    ['（责任部门：宣传部、组织部、学少部）', '宣传部', ['组织部', '学少部']],
    ['(责任部门:宣传部,组织部)', '宣传部', ['组织部']],
    ['（责任部门:宣传部，组织部）', '宣传部', ['组织部']],
    ['（**责任部门：青发部、组织部**）', '青发部', ['组织部']],
    ['**（责任部门：青发部、组织部）**', '青发部', ['组织部']],
    ['**责任部门**：志联部', '志联部', []],
    ['__责任部门：志联部__', '志联部', []],
    ['牵头部门：组织部；配合部门：宣传部、学少部', '组织部', ['宣传部', '学少部']],
    ['（牵头单位：组织部；参与单位：宣传部）', '组织部', ['宣传部']],
    ['配合部门：宣传部；牵头部门：组织部', '组织部', ['宣传部']],
    ['（责任单位：市委宣传部、团市委）', '市委宣传部', ['团市委']],
    ['负责部门：权益部；志联部', '权益部', ['志联部']],
    ['（责任部门：宣传部 组织部 学少部）', '宣传部', ['组织部', '学少部']],
    ['（责任部门：宣传部/组织部）', '宣传部', ['组织部']],
    ['（责任部门：组织部（牵头）、宣传部）', '组织部', ['宣传部']],
    ['（责任部门：宣传部、组织部（牵头））', '组织部', ['宣传部']],
    ['（责任部门：宣传部。）', '宣传部', []],
    ['（责任部门：宣传部、组织部等）', '宣传部', ['组织部']],
  ])('%s', (note, lead, participants) => {
    expect(parseDepartmentsNote(note)).toEqual({ lead, participants });
  });

  it('keeps a collective phrase as written, not split and not as the lead', () => {
    expect(parseDepartmentsNote('（**责任部门：办公室、机关各部门、下属各单位**）')).toEqual({
      lead: '办公室',
      participants: [],
      collective: '机关各部门、下属各单位',
    });
    expect(parseDepartmentsNote('（责任部门：青发部、机关各部门）')).toEqual({
      lead: '青发部',
      participants: [],
      collective: '机关各部门',
    });
    expect(parseDepartmentsNote('（责任部门：各部门）')).toEqual({ participants: [], collective: '各部门' });
    expect(parseDepartmentsNote('（责任单位：各级团组织、组织部）')).toEqual({
      participants: ['组织部'],
      collective: '各级团组织',
    });
    expect(parseDepartmentsNote('（责任单位：组织部、各团县（区）委）')).toEqual({
      lead: '组织部',
      participants: [],
      collective: '各团县（区）委',
    });
    expect(parseDepartmentsNote('（责任部门：组织部、有关部门）').collective).toBe('有关部门');
  });
});

describe('findDepartmentsNote', () => {
  it('finds the note with its brackets and bold markers, wherever it is in the task', () => {
    const text = '推动落实。（**责任部门：青发部、组织部**）';
    expect(findDepartmentsNote(text)).toEqual({
      note: '（**责任部门：青发部、组织部**）',
      start: 5,
      end: text.length,
    });
    expect(findDepartmentsNote('加强领导（牵头部门：组织部）\n内容。')?.note).toBe('（牵头部门：组织部）');
    expect(findDepartmentsNote('内容。\n责任部门：组织部、宣传部\n')?.note).toBe('责任部门：组织部、宣传部');
    expect(findDepartmentsNote('内容。（责任单位：各团县（区）委、组织部）。')?.note).toBe(
      '（责任单位：各团县（区）委、组织部）。',
    );
  });

  it('finds nothing in a task without one', () => {
    expect(findDepartmentsNote('明确责任，落实到人。')).toBeUndefined();
  });
});

describe('splitDepartmentNames', () => {
  it('splits on 、，,；; / and spaces, but not inside brackets', () => {
    expect(splitDepartmentNames('宣传部、组织部，学少部,志联部；权益部;办公室 南青基金/统战部')).toEqual([
      '宣传部',
      '组织部',
      '学少部',
      '志联部',
      '权益部',
      '办公室',
      '南青基金',
      '统战部',
    ]);
    expect(splitDepartmentNames('各团县（区）委、各乡镇(街道)团委')).toEqual([
      '各团县（区）委',
      '各乡镇(街道)团委',
    ]);
  });
});
