import { describe, expect, it } from 'vitest';
import { idCheckDigit } from '../../../common/validators/id-number';
import type { PublicCall } from '../api';
import {
  emptyEntrant,
  emptyEntry,
  entryBody,
  entryFields,
  peopleChangeBody,
  validateEntry,
  validatePeople,
  type EntrantValues,
  type EntryValues,
  type FileItem,
} from './entry-model';

const TODAY = '2026-12-07';
const call = {
  ageMin: 14,
  ageMax: 35,
  // 2027-01-31 in Beijing.
  closesAt: '2027-01-31T15:59:00.000Z',
  maxGroupSize: 4,
  categories: [
    { key: 'painting', label: '绘画', kinds: ['image', 'pdf'], maxFiles: 2, maxMb: 20, note: null },
  ],
} satisfies Pick<PublicCall, 'ageMin' | 'ageMax' | 'closesAt' | 'maxGroupSize' | 'categories'>;

const idFor = (birth: string) => {
  const first17 = `360102${birth.replace(/-/g, '')}123`;
  return first17 + idCheckDigit(first17);
};
const person = (over: Partial<EntrantValues> = {}): EntrantValues => ({
  ...emptyEntrant(),
  name: '林晓雨',
  birthDate: '1998-09-12',
  phone: '13907910000',
  ...over,
});
const file = (over: Partial<FileItem> = {}): FileItem => ({
  id: 1,
  file: new File(['x'], '作品.png'),
  state: 'done',
  progress: 1,
  token: 'wf1.token',
  ...over,
});
const entry = (over: Partial<EntryValues> = {}): EntryValues => ({
  ...emptyEntry(),
  categoryKey: 'painting',
  title: '赣江晨曦',
  entrants: [person()],
  originality: true,
  consent: true,
  ...over,
});

describe('the entry form', () => {
  it('stops an empty form at every required field, in form order', () => {
    const errors = validateEntry(emptyEntry(), [], call, TODAY);
    const fields = entryFields(1);
    const keys = Object.keys(errors).sort((a, b) => fields.order.indexOf(a) - fields.order.indexOf(b));
    expect(keys).toEqual([
      'categoryKey',
      'title',
      'entrants.0.name',
      'entrants.0.birthDate',
      'entrants.0.phone',
      'files',
      'originality',
      'consent',
    ]);
    expect(validateEntry(entry(), [file()], call, TODAY)).toEqual({});
  });

  it('reads the age range on the closing day, and asks for a guardian by today’s age', () => {
    // 35 today, 36 on 2027-01-31.
    const older = validateEntry(
      entry({ entrants: [person({ birthDate: '1991-01-15' })] }),
      [file()],
      call,
      TODAY,
    );
    expect(older['entrants.0.birthDate']).toBe(
      '本次征集面向 14–35 周岁的青年（按截止日计算），按所填信息为 36 周岁',
    );
    // 13 today, 14 by the closing day: may enter, with a guardian's consent.
    const child = person({ birthDate: '', idNumber: idFor('2013-01-20') });
    const young = validateEntry(entry({ entrants: [child] }), [file()], call, TODAY);
    expect(young['entrants.0.idNumber']).toBeUndefined();
    expect(young['entrants.0.guardianConsent']).toBe('不满 14 周岁须由监护人同意后才能参赛');
    const consented = { ...child, guardianName: '林父', guardianRelation: '父亲', guardianConsent: true };
    expect(validateEntry(entry({ entrants: [consented] }), [file()], call, TODAY)).toEqual({});
  });

  it('needs a group’s name and two people; only the lead must give a phone', () => {
    const second = person({ name: '陈子墨', phone: '', birthDate: '2003-04-05' });
    expect(validateEntry(entry({ group: true }), [file()], call, TODAY)).toMatchObject({
      groupName: '请填写团体名称',
      entrants: expect.stringContaining('至少填写 2 位'),
    });
    expect(
      validateEntry(
        entry({ group: true, groupName: '青藤画社', entrants: [person(), second] }),
        [file()],
        call,
        TODAY,
      ),
    ).toEqual({});
    const noLeadPhone = validateEntry(
      entry({ group: true, groupName: '青藤画社', entrants: [person({ phone: '' }), second] }),
      [file()],
      call,
      TODAY,
    );
    expect(noLeadPhone).toEqual({ 'entrants.0.phone': '请填写联系人的手机号' });
  });

  it('waits for uploads, refuses failed ones and too many', () => {
    expect(
      validateEntry(entry(), [file({ state: 'uploading', token: undefined })], call, TODAY).files,
    ).toMatch(/正在上传/);
    expect(validateEntry(entry(), [file({ state: 'failed', token: undefined })], call, TODAY).files).toMatch(
      /没有上传成功/,
    );
    expect(validateEntry(entry(), [file(), file({ id: 2 }), file({ id: 3 })], call, TODAY).files).toBe(
      '「绘画」类作品最多 2 个文件，请删除多余的',
    );
  });

  it('sends the contract’s shape: a single entry only its first person, a child’s guardian, the deepest place', () => {
    const second = person({ name: '陈子墨', phone: '', place: ['1', '2', '3'], categoryId: '7' });
    const single = entryBody(entry({ entrants: [person(), second], groupName: '不应发送' }), [file()], TODAY);
    expect(single.entrants).toHaveLength(1);
    expect(single.groupName).toBeNull();
    expect(single.files).toEqual(['wf1.token']);
    const group = entryBody(
      entry({ group: true, groupName: ' 青藤画社 ', entrants: [person(), second] }),
      [file({ token: 'a' }), file({ id: 2, token: 'b' })],
      TODAY,
    );
    expect(group).toMatchObject({ groupName: '青藤画社', files: ['a', 'b'], originality: true });
    expect(group.entrants[1]).toEqual({
      name: '陈子墨',
      gender: null,
      birthDate: '1998-09-12',
      idNumber: null,
      phone: null,
      placeUnitId: 3,
      categoryId: 7,
    });
    const child = person({
      birthDate: '2015-05-05',
      guardianName: '林父',
      guardianRelation: '父亲',
      guardianConsent: true,
    });
    expect(entryBody(entry({ entrants: [child] }), [file()], TODAY).entrants[0]).toMatchObject({
      guardianName: '林父',
      guardianConsent: true,
    });
  });

  it('points each error at its control', () => {
    const { elementId, order } = entryFields(2);
    expect(elementId('entrants.1.placeUnitId')).toBe('entrants.1.place-0');
    expect(elementId('entrants.0.gender')).toBe('entrants.0.gender-male');
    expect(elementId('noticeId')).toBe('consent');
    expect(order.indexOf('entrants.0.phone')).toBeLessThan(order.indexOf('entrants.1.name'));
    expect(order.indexOf('entrants.1.categoryId')).toBeLessThan(order.indexOf('files'));
  });
});

describe('replacing the entrants with the receipt code', () => {
  it('checks the people as the entry form does, and nothing of the work', () => {
    const lone = { group: true, groupName: '', entrants: [person({ phone: '' })] };
    expect(validatePeople(lone, call, TODAY)).toEqual({
      groupName: '请填写团体名称',
      entrants: '团体作品至少填写 2 位参赛者；个人作品请选择“个人”',
      'entrants.0.phone': '请填写联系人的手机号',
    });
    const old = person({ name: '', birthDate: '1980-01-01' });
    const errors = validatePeople({ group: false, groupName: '', entrants: [old] }, call, TODAY);
    expect(Object.keys(errors).sort()).toEqual(['entrants.0.birthDate', 'entrants.0.name']);
    expect(validatePeople({ group: false, groupName: '', entrants: [person()] }, call, TODAY)).toEqual({});
  });

  it('sends the whole group, its name and the notice agreed to; a single entry drops the group’s name', () => {
    const second = person({ name: '陈子墨', phone: '' });
    const group = peopleChangeBody(
      { group: true, groupName: ' 青藤画社 ', entrants: [person(), second] },
      9,
      TODAY,
    );
    expect(group).toMatchObject({ groupName: '青藤画社', noticeId: 9 });
    expect(group.entrants.map((e) => [e.name, e.phone])).toEqual([
      ['林晓雨', '13907910000'],
      ['陈子墨', null],
    ]);
    const single = peopleChangeBody(
      { group: false, groupName: '青藤画社', entrants: [person(), second] },
      9,
      TODAY,
    );
    expect(single).toMatchObject({ groupName: null, noticeId: 9 });
    expect(single.entrants).toHaveLength(1);
  });
});
