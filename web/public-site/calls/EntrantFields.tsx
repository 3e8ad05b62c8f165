import type { PublicCall } from '../api';
import { AgeNote } from '../ui/AgeNote';
import { RadioGroup, SelectField, TextField } from '../ui/fields';
import { GuardianBlock } from '../ui/GuardianBlock';
import { ageInfo, GENDERS, type FieldErrors } from '../ui/person';
import { PlacePicker } from '../ui/PlacePicker';
import { ageAtClosing, closingDay, type EntrantValues } from './entry-model';

type Props = {
  index: number;
  /** The lead entrant of a group, or the only one. */
  legend: string;
  value: EntrantValues;
  set: <K extends keyof EntrantValues>(key: K, value: EntrantValues[K]) => void;
  errors: FieldErrors;
  call: PublicCall;
  onRemove?: () => void;
};

/** One person behind the work. Their controls' ids are their error keys: `entrants.<i>.<field>`. */
export function EntrantFields({ index, legend, value, set, errors, call, onRemove }: Props) {
  const at = `entrants.${index}.`;
  const age = ageInfo(value);
  const lead = index === 0;
  return (
    <fieldset className="pm-fieldset pm-entrant">
      <legend className="pm-entrant-legend">{legend}</legend>
      <TextField
        id={`${at}name`}
        label="姓名"
        required
        autoComplete={lead ? 'name' : 'off'}
        maxLength={50}
        value={value.name}
        error={errors[`${at}name`]}
        onChange={(v) => set('name', v)}
      />
      <RadioGroup
        id={`${at}gender`}
        legend="性别"
        value={value.gender}
        options={GENDERS}
        error={errors[`${at}gender`]}
        onChange={(v) => set('gender', v as EntrantValues['gender'])}
      />
      <p className="pm-hint pm-either">出生日期和身份证号填一项即可，用于确认年龄</p>
      <TextField
        id={`${at}birthDate`}
        label="出生日期"
        type="date"
        autoComplete={lead ? 'bday' : 'off'}
        value={value.birthDate}
        error={errors[`${at}birthDate`]}
        hint="点击选择，或按 年-月-日 输入"
        onChange={(v) => set('birthDate', v)}
      />
      <TextField
        id={`${at}idNumber`}
        label="身份证号"
        maxLength={30}
        value={value.idNumber}
        error={errors[`${at}idNumber`]}
        hint="18 位，最后一位可以是 X"
        onChange={(v) => set('idNumber', v)}
      />
      <AgeNote
        age={age}
        range={{ min: call.ageMin, max: call.ageMax, on: closingDay(call), age: ageAtClosing(value, call) }}
      />
      {age?.band === 'child' ? <GuardianBlock prefix={at} values={value} set={set} errors={errors} /> : null}
      <TextField
        id={`${at}phone`}
        label="手机号"
        required={lead}
        type="tel"
        inputMode="tel"
        autoComplete={lead ? 'tel' : 'off'}
        maxLength={30}
        value={value.phone}
        error={errors[`${at}phone`]}
        hint={lead ? '主办方通过这个号码联系您' : '可不填'}
        onChange={(v) => set('phone', v)}
      />
      <PlacePicker
        id={`${at}place`}
        value={value.place}
        error={errors[`${at}placeUnitId`]}
        onChange={(v) => set('place', v)}
      />
      {call.youthCategories.length ? (
        <SelectField
          id={`${at}categoryId`}
          label="群体类别"
          value={value.categoryId}
          options={call.youthCategories.map((o) => ({ value: String(o.id), label: o.label }))}
          error={errors[`${at}categoryId`]}
          onChange={(v) => set('categoryId', v)}
        />
      ) : null}
      {onRemove ? (
        <button type="button" className="pm-button pm-button-plain pm-entrant-remove" onClick={onRemove}>
          删除第 {index + 1} 位参赛者
        </button>
      ) : null}
    </fieldset>
  );
}
