import type { AgeInfo } from './form-model';

/** The age as the form sees it, said aloud to screen readers as it changes. */
export function AgeNote({ age }: { age: AgeInfo | null }) {
  return (
    <div className="pm-age" aria-live="polite">
      {age ? (
        <p>
          年龄：<strong>{age.age} 周岁</strong>
          {age.from === 'idNumber' ? '（按身份证号计算）' : ''}
        </p>
      ) : null}
      {age?.band === 'minor' ? (
        <p className="pm-note">
          报名人已满 14 周岁、不满 16
          周岁，可以自行报名。报名信息会标注为未成年人，团组织联系时将注意保护未成年人的权益，必要时会与监护人沟通。
        </p>
      ) : null}
    </div>
  );
}
