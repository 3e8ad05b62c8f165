import { useState, type FormEvent } from 'react';
import { PublicApiError, publicApi, solvedChallenge, type SignupStatus } from '../api';
import {
  emptySignup,
  SIGNUP_FIELDS,
  signupFields,
  validateChosen,
  type SignupValues,
} from '../signup/form-model';
import { ErrorSummary, focusField } from '../ui/ErrorSummary';
import { GENDERS, serverFieldErrors, type FieldErrors } from '../ui/person';
import { PlacePicker } from '../ui/PlacePicker';
import { RadioGroup, TextField } from '../ui/fields';
import { FIELD_LABELS, type LockableField } from './labels';

/** What a person may re-enter. The server keeps nothing it could show back, so each is typed afresh. */
const EDITABLE = [
  'name',
  'gender',
  'birthDate',
  'idNumber',
  'phone',
  'placeUnitId',
  'field',
  'platformOrg',
  'dream',
] as const;
type Editable = (typeof EDITABLE)[number];
const LABELS: Record<Editable, string> = { ...FIELD_LABELS, dream: '我的梦想' };

type Props = { code: string; status: SignupStatus; onDone: (s: SignupStatus) => void; onCancel: () => void };

export function EditSignup({ code, status, onDone, onCancel }: Props) {
  const [chosen, setChosen] = useState<Editable[]>([]);
  const [values, setValues] = useState<SignupValues>(emptySignup);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [topError, setTopError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const locked = (f: Editable) => (status.lockedFields as string[]).includes(f as LockableField);
  const set = <K extends keyof SignupValues>(key: K, value: SignupValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }));
  const toggle = (f: Editable, on: boolean) => setChosen((c) => (on ? [...c, f] : c.filter((x) => x !== f)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!chosen.length) return setTopError('请先勾选要修改的内容');
    const relevant = validateChosen(values, chosen);
    if (Object.keys(relevant).length) {
      setErrors(relevant);
      setTopError(null);
      return requestAnimationFrame(() => focusField(relevant, SIGNUP_FIELDS));
    }
    const every = signupFields(values) as Record<string, unknown>;
    const fields = Object.fromEntries(chosen.map((f) => [f, every[f]]));
    setBusy(true);
    setErrors({});
    setTopError(null);
    try {
      onDone(await publicApi.update({ receiptCode: code, fields, ...(await solvedChallenge()) }));
    } catch (err) {
      setErrors(err instanceof PublicApiError ? serverFieldErrors(err.details) : {});
      setTopError(err instanceof Error ? err.message : '修改没有成功，请稍后再试');
    } finally {
      setBusy(false);
    }
  };

  const input = (f: Editable) => {
    switch (f) {
      case 'gender':
        return (
          <RadioGroup
            id="gender"
            legend="新的性别"
            value={values.gender}
            options={GENDERS}
            error={errors.gender}
            onChange={(v) => set('gender', v as SignupValues['gender'])}
          />
        );
      case 'placeUnitId':
        return (
          <PlacePicker
            id="place"
            value={values.place}
            error={errors.placeUnitId}
            onChange={(v) => set('place', v)}
          />
        );
      case 'birthDate':
        return (
          <TextField
            id="birthDate"
            label="新的出生日期"
            type="date"
            value={values.birthDate}
            error={errors.birthDate}
            onChange={(v) => set('birthDate', v)}
          />
        );
      case 'phone':
        return (
          <TextField
            id="phone"
            label="新的手机号"
            type="tel"
            inputMode="tel"
            maxLength={30}
            value={values.phone}
            error={errors.phone}
            onChange={(v) => set('phone', v)}
          />
        );
      case 'dream':
        return (
          <TextField
            id="dream"
            label="新的梦想"
            multiline
            maxLength={1000}
            value={values.dream}
            error={errors.dream}
            onChange={(v) => set('dream', v)}
          />
        );
      default:
        return (
          <TextField
            id={f}
            label={`新的${LABELS[f]}`}
            maxLength={f === 'platformOrg' ? 100 : 50}
            value={values[f]}
            error={errors[f]}
            onChange={(v) => set(f, v)}
          />
        );
    }
  };

  return (
    <form className="pm-panel pm-form" noValidate onSubmit={submit} aria-busy={busy}>
      <ErrorSummary errors={errors} message={topError} fields={SIGNUP_FIELDS} />
      <p>您的报名信息不会显示在这里。请勾选要修改的内容，重新填写后提交；修改会交团组织复核。</p>
      <fieldset className="pm-fieldset pm-field">
        <legend className="pm-label">要修改的内容</legend>
        <ul className="pm-edit-list">
          {EDITABLE.map((f) => (
            <li key={f}>
              <label className="pm-choice">
                <input
                  type="checkbox"
                  checked={chosen.includes(f)}
                  disabled={locked(f)}
                  aria-describedby={locked(f) ? `locked-${f}` : undefined}
                  onChange={(e) => toggle(f, e.target.checked)}
                />
                <span>{LABELS[f]}</span>
              </label>
              {locked(f) ? (
                <span className="pm-locked" id={`locked-${f}`}>
                  已核实，不能修改
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      </fieldset>
      {EDITABLE.filter((f) => chosen.includes(f)).map((f) => (
        <div key={f}>{input(f)}</div>
      ))}
      <div className="pm-actions">
        <button type="submit" className="pm-button pm-button-primary" disabled={busy}>
          {busy ? '正在提交…' : '提交修改'}
        </button>
        <button type="button" className="pm-button pm-button-plain" disabled={busy} onClick={onCancel}>
          取消
        </button>
      </div>
    </form>
  );
}
