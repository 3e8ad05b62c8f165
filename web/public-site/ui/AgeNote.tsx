import type { AgeInfo } from './person';

/**
 * Who may take part, by age, when a page sets its own range (a call for works does, read on its closing
 * day `on`); `age` is the person's age on that day.
 */
export type AgeRange = { min: number; max: number; on: string; age: number | null };

/** The age as the form sees it, said aloud to screen readers as it changes. */
export function AgeNote({ age, range }: { age: AgeInfo | null; range?: AgeRange }) {
  const then = range?.age ?? null;
  const outside = range && then !== null && (then < range.min || then > range.max);
  return (
    <div className="pm-age" aria-live="polite">
      {age ? (
        <p>
          年龄：<strong>{age.age} 周岁</strong>
          {age.from === 'idNumber' ? '（按身份证号计算）' : ''}
        </p>
      ) : null}
      {age && range && then !== null && then !== age.age ? (
        <p>
          截止日（{range.on}）时为 <strong>{then} 周岁</strong>
        </p>
      ) : null}
      {outside ? (
        <p className="pm-note">
          本次征集面向 {range.min}–{range.max} 周岁的青年（按截止日计算），按所填信息为 {then}{' '}
          周岁，不符合年龄要求。请核对出生日期或身份证号。
        </p>
      ) : age?.band === 'minor' ? (
        <p className="pm-note">
          报名人已满 14 周岁、不满 16
          周岁，可以自行报名。报名信息会标注为未成年人，团组织联系时将注意保护未成年人的权益，必要时会与监护人沟通。
        </p>
      ) : null}
    </div>
  );
}
