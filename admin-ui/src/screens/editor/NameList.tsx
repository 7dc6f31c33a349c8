import { useId, useState } from 'react';
import { moved } from '../../ui';

/**
 * An ordered list of names (authors, desks, tags) with Add, Move up/down and Remove buttons —
 * keyboard accessible, no drag and drop needed. Suggestions come from a <datalist>.
 */
export function NameList({
  label,
  itemLabel,
  names,
  suggestions,
  ordered,
  onChange,
}: {
  label: string;
  itemLabel: string;
  names: string[];
  suggestions: string[];
  ordered: boolean;
  onChange: (names: string[]) => void;
}) {
  const id = useId();
  const [draft, setDraft] = useState('');
  const add = () => {
    const name = draft.trim();
    if (name && !names.some((n) => n.toLowerCase() === name.toLowerCase()))
      onChange([...names, name]);
    setDraft('');
  };
  return (
    <fieldset className="name-list">
      <legend>{label}</legend>
      {names.length === 0 ? <p className="hint">None yet.</p> : null}
      <ol>
        {names.map((name, index) => (
          <li key={name}>
            <span>{name}</span>
            {ordered ? (
              <>
                <button
                  type="button"
                  disabled={index === 0}
                  onClick={() => onChange(moved(names, index, -1))}
                >
                  Move up<span className="visually-hidden"> {name}</span>
                </button>
                <button
                  type="button"
                  disabled={index === names.length - 1}
                  onClick={() => onChange(moved(names, index, 1))}
                >
                  Move down<span className="visually-hidden"> {name}</span>
                </button>
              </>
            ) : null}
            <button type="button" onClick={() => onChange(names.filter((n) => n !== name))}>
              Remove<span className="visually-hidden"> {name}</span>
            </button>
          </li>
        ))}
      </ol>
      <div className="row">
        <label htmlFor={`${id}-add`} className="visually-hidden">
          Add {itemLabel}
        </label>
        <input
          id={`${id}-add`}
          list={`${id}-options`}
          value={draft}
          placeholder={`Add ${itemLabel}`}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
        />
        <datalist id={`${id}-options`}>
          {suggestions.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
        <button type="button" onClick={add}>
          Add<span className="visually-hidden"> {itemLabel}</span>
        </button>
      </div>
    </fieldset>
  );
}
