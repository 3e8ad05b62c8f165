import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskName, maskPhone } from './masking';

describe('maskIdNumber', () => {
  it('keeps the region code and the last four', () => {
    expect(maskIdNumber('110101199003071234')).toBe('110101********1234');
    expect(maskIdNumber('11010119900307123X')).toBe('110101********123X');
  });

  it('masks a 15-digit first-generation number the same way', () => {
    expect(maskIdNumber('110101900307123')).toBe('110101*****7123');
  });

  it('hides short values entirely', () => {
    expect(maskIdNumber('12345')).toBe('*****');
  });
});

describe('maskPhone', () => {
  it('masks a mobile as 138****8000, with or without separators', () => {
    expect(maskPhone('13800138000')).toBe('138****8000');
    expect(maskPhone('138-0013-8000')).toBe('138****8000');
  });

  it('keeps the area code and the last four of a fixed line', () => {
    expect(maskPhone('0791-86281234')).toBe('0791****1234');
    expect(maskPhone('07918628123')).toBe('0791***8123');
    expect(maskPhone('010-85212024')).toBe('010****2024');
    expect(maskPhone('021-6321 8888')).toBe('021****8888');
  });

  it('hides very short numbers entirely', () => {
    expect(maskPhone('1234')).toBe('****');
  });
});

describe('maskName', () => {
  it('keeps the surname', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('李')).toBe('李');
  });
});
