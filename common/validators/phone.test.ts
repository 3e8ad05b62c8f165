import { describe, expect, it } from 'vitest';
import { parsePhone } from './phone';

const mobile = (value: string) => ({ ok: true, value, kind: 'mobile', warnings: [] });
const fixed = (value: string, warnings: string[] = []) => ({ ok: true, value, kind: 'fixed', warnings });

function errorOf(raw: string | number): { code: string; error: string } {
  const result = parsePhone(raw);
  if (result.ok) throw new Error(`expected an error for ${String(raw)}, got ${result.value}`);
  return { code: result.code, error: result.error };
}

describe('parsePhone: mobiles', () => {
  it.each([
    '13800138000',
    '138 0013 8000',
    '138-0013-8000',
    '138.0013.8000',
    '+86 138 0013 8000',
    '+86-13800138000',
    '+8613800138000',
    '(+86)13800138000',
    '0086 13800138000',
    '008613800138000',
    '8613800138000',
    '１３８００１３８０００',
    '１３８－００１３－８０００',
    '138—0013—8000',
    "'13800138000",
    ' 13800138000\u200B ',
  ])('normalises %j to 11 digits', (raw) => {
    expect(parsePhone(raw)).toEqual(mobile('13800138000'));
  });

  it('accepts every second digit from 3 to 9 and numbers from numeric cells', () => {
    for (const second of '3456789') expect(parsePhone(`1${second}912345678`).ok, second).toBe(true);
    expect(parsePhone(13800138000)).toEqual(mobile('13800138000'));
  });

  it('rejects mobiles of the wrong length or prefix', () => {
    expect(errorOf('1380013800')).toEqual({ code: 'mobile', error: '手机号码应为 11 位数字，现为 10 位' });
    expect(errorOf('138001380001')).toEqual({ code: 'mobile', error: '手机号码应为 11 位数字，现为 12 位' });
    expect(errorOf('12800138000')).toEqual({ code: 'mobile', error: '手机号码第二位应为 3–9' });
    expect(errorOf('10800138000')).toMatchObject({ code: 'mobile' });
    expect(errorOf('13800138000转12')).toEqual({ code: 'mobile', error: '手机号码不能带分机号' });
  });
});

describe('parsePhone: fixed lines', () => {
  it.each([
    ['010-85212024', '010-85212024'],
    ['01085212024', '010-85212024'],
    ['010 8521 2024', '010-85212024'],
    ['(010)85212024', '010-85212024'],
    ['021-63218888', '021-63218888'],
    ['0791-86281234', '0791-86281234'],
    ['079186281234', '0791-86281234'],
    ['(0791)86281234', '0791-86281234'],
    ['（０７９１）８６２８１２３４', '0791-86281234'],
    ['0791 8628 1234', '0791-86281234'],
    ['0791-8628-1234', '0791-86281234'],
    ['0791/86281234', '0791-86281234'],
    ['0791-8628123', '0791-8628123'],
    ['0755-26881234', '0755-26881234'],
    ['+86 10 8521 2024', '010-85212024'],
    ['+86-791-86281234', '0791-86281234'],
    ['+86 (0)10 8521 2024', '010-85212024'],
  ])('normalises %j to %j', (raw, value) => {
    expect(parsePhone(raw)).toEqual(fixed(value));
  });

  it.each([
    ['010-85212024转123', '010-85212024-123'],
    ['010-85212024 转 123', '010-85212024-123'],
    ['010-85212024分机123', '010-85212024-123'],
    ['010-85212024 ext. 8001', '010-85212024-8001'],
    ['010-85212024#6', '010-85212024-6'],
    ['010-85212024-123', '010-85212024-123'],
    ['010-8521-2024-123', '010-85212024-123'],
    ['0791-8628123-1234', '0791-8628123-1234'],
    ['(0791)86281234-88', '0791-86281234-88'],
  ])('keeps the extension of %j', (raw, value) => {
    expect(parsePhone(raw)).toEqual(fixed(value));
  });

  it('accepts a number without area code, warning about it', () => {
    expect(parsePhone('85212024')).toEqual(fixed('85212024', ['固定电话缺少区号']));
    expect(parsePhone('8628123')).toEqual(fixed('8628123', ['固定电话缺少区号']));
    expect(parsePhone('8521-2024转6')).toEqual(fixed('85212024-6', ['固定电话缺少区号']));
    expect(parsePhone(85212024)).toEqual(fixed('85212024', ['固定电话缺少区号']));
  });

  it('restores the leading 0 a numeric cell dropped from the area code', () => {
    const warning = '区号前的 0 已补上（该单元格是数字格式）';
    expect(parsePhone(79186281234)).toEqual(fixed('0791-86281234', [warning]));
    expect(parsePhone(1085212024)).toEqual(fixed('010-85212024', [warning]));
    expect(errorOf(1380013800)).toMatchObject({ code: 'mobile' });
  });

  it('rejects numbers that are too short, too long or start with 0 or 1 after the area code', () => {
    const hint = '固定电话应为“区号-号码”，号码 7–8 位（如 010-85212024）';
    expect(errorOf('010-852120')).toEqual({ code: 'fixed', error: hint });
    expect(errorOf('010-852120245')).toEqual({ code: 'fixed', error: hint });
    expect(errorOf('0791-123')).toEqual({ code: 'fixed', error: hint });
    expect(errorOf('010-05212024')).toEqual({
      code: 'fixed',
      error: '固定电话号码（区号之后）不能以 0 或 1 开头',
    });
    expect(errorOf('95598')).toMatchObject({ code: 'fixed' });
    expect(errorOf('400-810-5888')).toMatchObject({ code: 'fixed' });
  });
});

describe('parsePhone: other input', () => {
  it('rejects an empty value', () => {
    expect(errorOf('')).toEqual({ code: 'empty', error: '电话号码为空' });
    expect(errorOf(' \u3000')).toMatchObject({ code: 'empty' });
  });

  it('rejects two numbers in one cell', () => {
    for (const raw of [
      '13800138000/13900139000',
      '13800138000，0791-86281234',
      '13800138000;13900139000',
      '13800138000或13900139000',
      '13800138000、13900139000',
    ]) {
      expect(errorOf(raw), raw).toEqual({ code: 'multiple', error: '一个单元格只能填写一个电话号码' });
    }
  });

  it('rejects foreign numbers and text', () => {
    expect(errorOf('+852 9123 4567')).toEqual({
      code: 'foreign',
      error: '只支持中国大陆的手机号码和固定电话',
    });
    expect(errorOf('+1 415 555 0100')).toMatchObject({ code: 'foreign' });
    expect(errorOf('手机13800138000')).toEqual({ code: 'format', error: '电话号码含有无法识别的字符' });
    expect(errorOf('无')).toMatchObject({ code: 'format' });
  });

  it('never repeats the number in a message', () => {
    for (const raw of ['1380013800', '0791-862812345', '13800138000/13900139000', '+852 9123 4567']) {
      const digits = raw.replace(/\D/g, '');
      const { error } = errorOf(raw);
      for (let i = 0; i + 4 <= digits.length; i += 1)
        expect(error, raw).not.toContain(digits.slice(i, i + 4));
    }
  });
});
