import { CheckField, SelectField, TextField } from '../ui/fields';
import type { FieldErrors, SignupValues } from './form-model';

const RELATIONS = ['父亲', '母亲', '祖父母', '外祖父母', '其他法定监护人'].map((r) => ({
  value: r,
  label: r,
}));

type Props = {
  values: SignupValues;
  set: <K extends keyof SignupValues>(key: K, value: SignupValues[K]) => void;
  errors: FieldErrors;
};

/** Under 14 the law (个人信息保护法第三十一条) asks for a parent's or guardian's consent. */
export function GuardianBlock({ values, set, errors }: Props) {
  return (
    <section className="pm-guardian" aria-labelledby="guardian-title">
      <h3 id="guardian-title">监护人同意</h3>
      <p>
        报名人不满 14
        周岁。根据《个人信息保护法》第三十一条，须由父母或其他监护人阅读个人信息处理规则并同意后才能报名，请监护人填写以下信息。
      </p>
      <TextField
        id="guardianName"
        label="监护人姓名"
        required
        value={values.guardianName}
        maxLength={50}
        autoComplete="off"
        error={errors.guardianName}
        onChange={(v) => set('guardianName', v)}
      />
      <SelectField
        id="guardianRelation"
        label="监护人与报名人的关系"
        required
        value={values.guardianRelation}
        options={RELATIONS}
        error={errors.guardianRelation}
        onChange={(v) => set('guardianRelation', v)}
      />
      <CheckField
        id="guardianConsent"
        checked={values.guardianConsent}
        error={errors.guardianConsent}
        onChange={(v) => set('guardianConsent', v)}
      >
        我是报名人的监护人，已阅读个人信息处理规则，同意其报名并同意按规则处理其个人信息
      </CheckField>
    </section>
  );
}
