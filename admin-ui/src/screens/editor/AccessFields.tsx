import { api } from '../../api';
import { Field, useLoad } from '../../ui';

// Who may read the whole article (ADR 0026). "Tags' default" follows the first tag that sets a
// level in the Tags screen; anything else is this article's own. The preview is the first N
// paragraphs, or everything above the "Preview ends here" marker when the body has one.

export type AccessChoice = 'default' | 'public' | 'members' | 'paid' | 'tiers';

export interface AccessValues {
  access_level: AccessChoice;
  access_tiers: string[];
  preview_paragraphs: number | null;
}

const choices: { value: AccessChoice; label: string }[] = [
  { value: 'default', label: 'As its tags say (public when none does)' },
  { value: 'public', label: 'Everyone' },
  { value: 'members', label: 'Registered readers (free members)' },
  { value: 'paid', label: 'Paying members' },
  { value: 'tiers', label: 'Members of chosen tiers' },
];

interface OffersAnswer {
  offers: { tiers: { id: string; name: string; enabled: boolean }[] };
}

/** The access level, tiers and preview length of an article. */
export function AccessFields({
  values,
  effective,
  onChange,
}: {
  values: AccessValues;
  /** The level readers get now (differs from the choice when it follows the tags). */
  effective: string | undefined;
  onChange: (patch: Partial<AccessValues>) => void;
}) {
  const offers = useLoad(
    () => api<OffersAnswer>('GET', '/api/admin/revenue/offers').catch(() => undefined),
    [],
  );
  const tiers = offers.data?.offers.tiers ?? [];
  return (
    <fieldset className="access-fields">
      <legend>Who can read it</legend>
      <Field
        label="Access"
        hint={
          values.access_level === 'default' && effective
            ? `Now: ${choices.find((c) => c.value === effective)?.label ?? effective}.`
            : 'Others see the preview and an invitation to join.'
        }
      >
        {(props) => (
          <select
            {...props}
            value={values.access_level}
            onChange={(e) => onChange({ access_level: e.target.value as AccessChoice })}
          >
            {choices.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      {values.access_level === 'tiers' ? (
        <fieldset>
          <legend>Tiers</legend>
          {tiers.length === 0 ? <p>No tiers are set up in Support &amp; offers.</p> : null}
          {tiers.map((tier) => (
            <label key={tier.id} className="checkbox">
              <input
                type="checkbox"
                checked={values.access_tiers.includes(tier.id)}
                onChange={(e) =>
                  onChange({
                    access_tiers: e.target.checked
                      ? [...values.access_tiers, tier.id]
                      : values.access_tiers.filter((id) => id !== tier.id),
                  })
                }
              />{' '}
              {tier.name}
            </label>
          ))}
        </fieldset>
      ) : null}
      <Field
        label="Preview paragraphs"
        hint="Shown before the wall; empty for the default (2). A “Preview ends here” marker in the body wins."
      >
        {(props) => (
          <input
            {...props}
            type="number"
            min={0}
            max={50}
            value={values.preview_paragraphs ?? ''}
            onChange={(e) =>
              onChange({
                preview_paragraphs: e.target.value === '' ? null : Number(e.target.value),
              })
            }
          />
        )}
      </Field>
    </fieldset>
  );
}
