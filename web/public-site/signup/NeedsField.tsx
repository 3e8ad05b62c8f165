/** 需求 as a list of check boxes (several may apply). */
export function NeedsField(p: {
  options: { id: number; label: string }[];
  value: number[];
  onChange: (value: number[]) => void;
}) {
  if (!p.options.length) return null;
  const toggle = (id: number, on: boolean) =>
    p.onChange(on ? [...p.value, id] : p.value.filter((x) => x !== id));
  return (
    <fieldset className="pm-fieldset pm-field">
      <legend className="pm-label">希望得到的支持（可多选）</legend>
      <div className="pm-choices pm-choices-wrap">
        {p.options.map((o) => (
          <label key={o.id} className="pm-choice">
            <input
              type="checkbox"
              name="needs"
              value={o.id}
              checked={p.value.includes(o.id)}
              onChange={(e) => toggle(o.id, e.target.checked)}
            />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
