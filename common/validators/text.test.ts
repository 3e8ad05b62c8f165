import { describe, expect, it } from 'vitest';
import { isFormulaLike, normalizeName, normalizeText, stripInvisible, toHalfWidth } from './text';

describe('normalizeText', () => {
  it('trims and collapses internal whitespace, including tabs, NBSP and the ideographic space', () => {
    expect(normalizeText('  张三  ')).toBe('张三');
    expect(normalizeText('北京\t\t东城区 \u00A0 东华门')).toBe('北京 东城区 东华门');
    expect(normalizeText('\u3000张三\u3000')).toBe('张三');
    expect(normalizeText('a\r\nb')).toBe('a b');
  });

  it('makes full-width letters, digits and punctuation half-width', () => {
    expect(normalizeText('ＡＢＣ１２３')).toBe('ABC123');
    expect(normalizeText('ａｂｃ')).toBe('abc');
    expect(normalizeText('１１０１０１１９９００３０７１２３ｘ')).toBe('11010119900307123x');
    expect(normalizeText('（０７９１）８６２８１２３４')).toBe('(0791)86281234');
    expect(normalizeText('＝ＳＵＭ（Ａ１）')).toBe('=SUM(A1)');
  });

  it('strips zero-width characters, the BOM, bidi marks and control characters', () => {
    expect(normalizeText('\uFEFF姓名')).toBe('姓名');
    expect(normalizeText('身份\u200B证\u200C号\u2060码\u200D')).toBe('身份证号码');
    expect(normalizeText('\u202E张三\u202C')).toBe('张三');
    expect(normalizeText('a\u0000b\u0007c\u007F')).toBe('abc');
    expect(normalizeText('soft\u00ADhyphen')).toBe('softhyphen');
  });

  it('keeps a zero-width joiner that holds an emoji sequence together', () => {
    expect(normalizeText('程序员👩\u200D💻')).toBe('程序员👩\u200D💻');
  });

  it('keeps Chinese punctuation in prose when asked, still converting letters and digits', () => {
    expect(normalizeText('梦想：做一名作家，出版１本书！', { keepFullWidthPunctuation: true })).toBe(
      '梦想：做一名作家，出版1本书！',
    );
    expect(normalizeText('梦想：出版１本书！')).toBe('梦想:出版1本书!');
  });

  it('keeps line breaks in multiline mode, trimming each line and dropping runs of blank lines', () => {
    expect(normalizeText('  第一行  \r\n\r\n\r\n  第二行\t说明 \n\n', { multiline: true })).toBe(
      '第一行\n\n第二行 说明',
    );
    expect(normalizeText('甲_x000D_\n乙', { multiline: true })).toBe('甲\n乙');
  });

  it('returns an empty string for blank input', () => {
    expect(normalizeText('')).toBe('');
    expect(normalizeText(' \u3000\u200B\uFEFF ')).toBe('');
  });
});

describe('toHalfWidth and stripInvisible', () => {
  it('converts only letters and digits when punctuation is not wanted', () => {
    expect(toHalfWidth('Ｘ１，２', false)).toBe('X1，2');
    expect(toHalfWidth('Ｘ１，２')).toBe('X1,2');
  });

  it('leaves visible text alone', () => {
    expect(stripInvisible('张三 ABC')).toBe('张三 ABC');
  });
});

describe('normalizeName', () => {
  it('removes the padding between Chinese characters used to align names', () => {
    expect(normalizeName('张　三')).toBe('张三');
    expect(normalizeName(' 王  小 明 ')).toBe('王小明');
  });

  it('unifies the middle dot of minority and transliterated names', () => {
    expect(normalizeName('阿依古丽•买买提')).toBe('阿依古丽·买买提');
    expect(normalizeName('阿依古丽．买买提')).toBe('阿依古丽·买买提');
    expect(normalizeName('阿依古丽 ・ 买买提')).toBe('阿依古丽·买买提');
    expect(normalizeName('阿依古丽.买买提')).toBe('阿依古丽·买买提');
  });

  it('keeps the spaces and full stops of Latin names', () => {
    expect(normalizeName('Alice  Wang')).toBe('Alice Wang');
    expect(normalizeName('J. Smith')).toBe('J. Smith');
  });
});

describe('isFormulaLike', () => {
  it('flags values whose first character starts a formula', () => {
    for (const value of [
      '=1+1',
      '+86 138',
      '-2+3',
      '@SUM(A1)',
      '\t=cmd',
      '\r=cmd',
      '=HYPERLINK("http://x")',
    ]) {
      expect(isFormulaLike(value), JSON.stringify(value)).toBe(true);
    }
  });

  it('flags values that start a formula once normalised', () => {
    for (const value of [
      '＝1+1',
      '＋1',
      '－1',
      '＠A1',
      ' =1+1',
      '\u3000=1',
      '\uFEFF=1',
      '\u200B@x',
      '\n=1',
    ]) {
      expect(isFormulaLike(value), JSON.stringify(value)).toBe(true);
    }
  });

  it('leaves ordinary text alone', () => {
    for (const value of ['张三', '1995-03-12', 'a=b', '13800138000', '', ' ', '备注：+1']) {
      expect(isFormulaLike(value), JSON.stringify(value)).toBe(false);
    }
  });
});
