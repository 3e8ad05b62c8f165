import type { PublicCall } from '../api';
import { RadioGroup, TextField } from '../ui/fields';
import type { FieldErrors } from '../ui/person';
import {
  emptyEntrant,
  entrantsOf,
  GROUP_NAME_MAX,
  type EntrantValues,
  type PeopleValues,
} from './entry-model';
import { EntrantFields } from './EntrantFields';

const MODES = [
  { value: 'single', label: '个人作品' },
  { value: 'group', label: '团体作品' },
];

type Props = {
  values: PeopleValues;
  /** Changes the people; the caller keeps them beside its other fields. */
  update: (change: (v: PeopleValues) => PeopleValues) => void;
  errors: FieldErrors;
  /** The server's findings on these keys no longer hold. */
  forget: (...keys: string[]) => void;
  /** The server's findings on every entrant no longer hold (the rows moved). */
  forgetEntrants: () => void;
  call: PublicCall;
};

/**
 * Who is behind a work: a single entrant or a group with its name, the lead (the contact) first. The
 * entry form and the replacement of the entrants with the receipt code both use it.
 */
export function PeopleFields({ values, update, errors, forget, forgetEntrants, call }: Props) {
  const people = entrantsOf(values);
  const canGroup = call.maxGroupSize > 1;

  const setEntrant =
    (i: number) =>
    <K extends keyof EntrantValues>(key: K, value: EntrantValues[K]) => {
      update((v) => ({ ...v, entrants: v.entrants.map((e, j) => (j === i ? { ...e, [key]: value } : e)) }));
      forget(`entrants.${i}.${key === 'place' ? 'placeUnitId' : key}`, 'entrants');
    };

  const setMode = (mode: string) => {
    const group = mode === 'group';
    update((v) => ({
      ...v,
      group,
      entrants: group && v.entrants.length < 2 ? [...v.entrants, emptyEntrant()] : v.entrants,
    }));
    forget('entrants', 'groupName');
  };

  const removeEntrant = (i: number) => {
    update((v) => ({ ...v, entrants: v.entrants.filter((_, j) => j !== i) }));
    forgetEntrants();
    requestAnimationFrame(() => document.getElementById('add-entrant')?.focus());
  };

  return (
    <>
      {canGroup ? (
        <RadioGroup
          id="mode"
          legend="参赛形式"
          value={values.group ? 'group' : 'single'}
          options={MODES}
          onChange={setMode}
        />
      ) : null}
      {values.group ? (
        <>
          <TextField
            id="groupName"
            label="团体名称"
            required
            maxLength={GROUP_NAME_MAX}
            value={values.groupName}
            error={errors.groupName}
            hint="例如 乐队、剧社、工作室的名称"
            onChange={(v) => {
              update((p) => ({ ...p, groupName: v }));
              forget('groupName');
            }}
          />
          <p className="pm-hint" id="entrants-hint">
            团体最多 {call.maxGroupSize} 人。第 1 位为联系人，须填写手机号。
          </p>
        </>
      ) : null}
      {errors.entrants ? (
        <p className="pm-error" id="entrants-error">
          {errors.entrants}
        </p>
      ) : null}
      {people.map((entrant, i) => (
        <EntrantFields
          key={i}
          index={i}
          legend={!values.group ? '参赛者信息' : i === 0 ? '第 1 位参赛者（联系人）' : `第 ${i + 1} 位参赛者`}
          value={entrant}
          set={setEntrant(i)}
          errors={errors}
          call={call}
          onRemove={values.group && i > 0 && people.length > 2 ? () => removeEntrant(i) : undefined}
        />
      ))}
      {values.group && people.length < call.maxGroupSize ? (
        <button
          type="button"
          id="add-entrant"
          className="pm-button pm-button-secondary pm-add-entrant"
          aria-describedby="entrants-hint"
          onClick={() => {
            update((v) => ({ ...v, entrants: [...v.entrants, emptyEntrant()] }));
            forget('entrants');
            requestAnimationFrame(() => document.getElementById(`entrants.${people.length}.name`)?.focus());
          }}
        >
          ＋ 添加一位参赛者
        </button>
      ) : null}
    </>
  );
}
