import { describe, expect, it } from 'vitest';
import { idCheckDigit } from '../../../common/validators/id-number';
import { ageInfo, serverFieldErrors } from '../ui/person';
import { emptySignup, signupFields, validateChosen, validateSignup } from './form-model';

const TODAY = '2026-12-07';
const idFor = (birth: string) => {
  const first17 = `360102${birth.replace(/-/g, '')}123`;
  return first17 + idCheckDigit(first17);
};
const filled = (over: Partial<ReturnType<typeof emptySignup>> = {}) => ({
  ...emptySignup(),
  name: '李青',
  phone: '13800138000',
  birthDate: '2000-05-01',
  consent: true,
  ...over,
});

describe('the sign-up form', () => {
  it('computes the age band from the ID number first, else the birth date, counting the birthday itself', () => {
    expect(ageInfo({ birthDate: '2012-12-07', idNumber: '' }, TODAY)).toEqual({
      age: 14,
      band: 'minor',
      from: 'birthDate',
    });
    expect(ageInfo({ birthDate: '2012-12-08', idNumber: '' }, TODAY)?.band).toBe('child');
    expect(ageInfo({ birthDate: '2010-12-07', idNumber: '' }, TODAY)?.band).toBe('adult');
    expect(ageInfo({ birthDate: '2000-01-01', idNumber: idFor('2015-03-04') }, TODAY)).toEqual({
      age: 11,
      band: 'child',
      from: 'idNumber',
    });
    expect(ageInfo({ birthDate: '2030-01-01', idNumber: '' }, TODAY)).toBeNull();
    expect(ageInfo({ birthDate: '', idNumber: '3601' }, TODAY)).toBeNull();
  });

  it('asks for a birth date or an ID number, a valid phone and consent', () => {
    const e = validateSignup({ ...emptySignup() }, TODAY);
    expect(Object.keys(e).sort()).toEqual(['birthDate', 'consent', 'name', 'phone']);
    expect(validateSignup(filled({ birthDate: '', idNumber: idFor('1999-02-03') }), TODAY)).toEqual({});
    expect(validateSignup(filled({ phone: '12345' }), TODAY).phone).toMatch(/手机号/);
    expect(validateSignup(filled({ idNumber: idFor('1999-02-03') }), TODAY).birthDate).toMatch(/不一致/);
    expect(validateSignup(filled({ birthDate: '2001-02-30' }), TODAY).birthDate).toMatch(/不存在/);
    expect(validateSignup(filled({ birthDate: '1990-01-01' }), TODAY).birthDate).toMatch(/35 周岁及以下/);
    expect(validateSignup(filled({ birthDate: '', idNumber: idFor('1980-01-01') }), TODAY).idNumber).toMatch(
      /35/,
    );
  });

  it('refuses a child without a guardian’s name, relation and consent', () => {
    const child = filled({ birthDate: '2016-01-01' });
    expect(Object.keys(validateSignup(child, TODAY)).sort()).toEqual([
      'guardianConsent',
      'guardianName',
      'guardianRelation',
    ]);
    const ok = { ...child, guardianName: '李父', guardianRelation: '父亲', guardianConsent: true };
    expect(validateSignup(ok, TODAY)).toEqual({});
    expect(signupFields(ok, TODAY)).toMatchObject({
      guardianName: '李父',
      guardianRelation: '父亲',
      guardianConsent: true,
    });
    expect(signupFields(filled(), TODAY)).not.toHaveProperty('guardianName');
  });

  it('sends the contract’s shape: the deepest place, links without blanks, nulls for empty text', () => {
    const v = filled({
      place: ['36', '3601', ''],
      categoryId: '5',
      worksLinks: [
        { title: '', url: '' },
        { title: '短片', url: ' https://example.cn/v/1 ' },
      ],
      needs: [2, 3],
    });
    expect(signupFields(v, TODAY)).toMatchObject({
      name: '李青',
      gender: null,
      placeUnitId: 3601,
      categoryId: 5,
      field: null,
      worksLinks: [{ title: '短片', url: 'https://example.cn/v/1' }],
      needs: [2, 3],
    });
    expect(
      validateSignup(filled({ worksLinks: [{ title: 'x', url: 'example.cn' }] }), TODAY)['worksLinks.0.url'],
    ).toMatch(/http/);
  });

  it('checks only the chosen fields of an edit, each required', () => {
    expect(validateChosen({ ...emptySignup(), field: '插画' }, ['field'], TODAY)).toEqual({});
    expect(
      Object.keys(validateChosen(emptySignup(), ['phone', 'birthDate', 'placeUnitId'], TODAY)).sort(),
    ).toEqual(['birthDate', 'phone', 'placeUnitId']);
  });

  it('reads the server’s field paths, with or without the update’s fields. prefix', () => {
    expect(
      serverFieldErrors([
        { path: 'fields.phone', message: '手机号：格式不对' },
        { path: 'worksLinks.1.url', message: '链接不对' },
      ]),
    ).toEqual({ phone: '手机号：格式不对', 'worksLinks.1.url': '链接不对' });
  });
});
