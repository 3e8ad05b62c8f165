import { CheckField, SelectField, TextField } from './fields';
import type { FieldErrors } from './person';

const RELATIONS = ['父亲', '母亲', '祖父母', '外祖父母', '其他法定监护人'].map((r) => ({
  value: r,
  label: r,
}));

export type GuardianValues = { guardianName: string; guardianRelation: string; guardianConsent: boolean };

type Props = {
  /** Put before each control's id and error key, so that several people on one form stay apart. */
  prefix?: string;
  values: GuardianValues;
  set: {
    (key: 'guardianName' | 'guardianRelation', value: string): void;
    (key: 'guardianConsent', value: boolean): void;
  };
  errors: FieldErrors;
};

/** Under 14 the law (个人信息保护法第三十一条) asks for a parent's or guardian's consent. */
export function GuardianBlock({ prefix = '', values, set, errors }: Props) {
  const id = (key: keyof GuardianValues) => `${prefix}${key}`;
  return (
    <section className="pm-guardian" aria-labelledby={`${prefix}guardian-title`}>
      <h3 id={`${prefix}guardian-title`}>监护人同意</h3>
      <p>
        报名人不满 14
        周岁。根据《个人信息保护法》第三十一条，须由父母或其他监护人阅读个人信息处理规则并同意后才能报名，请监护人填写以下信息。
      </p>
      <TextField
        id={id('guardianName')}
        label="监护人姓名"
        required
        value={values.guardianName}
        maxLength={50}
        autoComplete="off"
        error={errors[id('guardianName')]}
        onChange={(v) => set('guardianName', v)}
      />
      <SelectField
        id={id('guardianRelation')}
        label="监护人与报名人的关系"
        required
        value={values.guardianRelation}
        options={RELATIONS}
        error={errors[id('guardianRelation')]}
        onChange={(v) => set('guardianRelation', v)}
      />
      <CheckField
        id={id('guardianConsent')}
        checked={values.guardianConsent}
        error={errors[id('guardianConsent')]}
        onChange={(v) => set('guardianConsent', v)}
      >
        我是报名人的监护人，已阅读个人信息处理规则，同意其报名并同意按规则处理其个人信息
      </CheckField>
    </section>
  );
}
