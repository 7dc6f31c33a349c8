import { type FormEvent, useState } from 'react';
import { api, ApiError } from '../../api';
import { Alert } from '../../ui';
import {
  CheckField,
  errorsFor,
  type FieldErrors,
  FormField,
  toMajor,
  toMinor,
} from './support-fields';

// The offers: currency, membership tiers, one-time and monthly donations, the processing fee.
// Amounts are typed in major units ("12.50") and sent in minor units, as the API stores them.

export interface Offers {
  currency: string;
  tiers: Array<{
    id: string;
    name: string;
    description: string;
    monthly: number;
    yearly: number;
    enabled: boolean;
  }>;
  donation: {
    enabled: boolean;
    presets: number[];
    allowCustom: boolean;
    minimum: number;
    maximum: number;
  };
  recurringDonation: { enabled: boolean; presets: number[] };
  coverFee: { enabled: boolean; percent: number; fixed: number };
}

interface TierDraft {
  id: string;
  name: string;
  description: string;
  monthly: string;
  yearly: string;
  enabled: boolean;
}

function draftOf(offers: Offers) {
  const c = offers.currency;
  const list = (amounts: number[]) => amounts.map((a) => toMajor(a, c)).join(', ');
  return {
    currency: c,
    tiers: offers.tiers.map((t): TierDraft => ({
      ...t,
      monthly: toMajor(t.monthly, c),
      yearly: toMajor(t.yearly, c),
    })),
    donation: {
      enabled: offers.donation.enabled,
      allowCustom: offers.donation.allowCustom,
      presets: list(offers.donation.presets),
      minimum: toMajor(offers.donation.minimum, c),
      maximum: toMajor(offers.donation.maximum, c),
    },
    recurring: {
      enabled: offers.recurringDonation.enabled,
      presets: list(offers.recurringDonation.presets),
    },
    coverFee: {
      enabled: offers.coverFee.enabled,
      percent: String(offers.coverFee.percent),
      fixed: toMajor(offers.coverFee.fixed, c),
    },
  };
}
type Draft = ReturnType<typeof draftOf>;

/** Converts the draft; amounts that are not amounts become field errors instead. */
function offersOf(draft: Draft): { offers: unknown; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const c = draft.currency.trim().toUpperCase();
  const amount = (text: string, key: string): number => {
    const minor = toMinor(text, c);
    if (minor === undefined) errors[key] = ['must be an amount like 5 or 12.50'];
    return minor ?? 0;
  };
  const list = (text: string, key: string) =>
    text
      .split(/[\s;]+/)
      .filter((part) => part.trim() !== '')
      .map((part) => amount(part.replace(/,$/, ''), key));
  const offers = {
    currency: c,
    tiers: draft.tiers.map((t, i) => ({
      id: t.id,
      name: t.name,
      description: t.description,
      monthly: amount(t.monthly, `tiers.${i}.monthly`),
      yearly: amount(t.yearly, `tiers.${i}.yearly`),
      enabled: t.enabled,
    })),
    donation: {
      enabled: draft.donation.enabled,
      allowCustom: draft.donation.allowCustom,
      presets: list(draft.donation.presets, 'donation.presets'),
      minimum: amount(draft.donation.minimum, 'donation.minimum'),
      maximum: amount(draft.donation.maximum, 'donation.maximum'),
    },
    recurringDonation: {
      enabled: draft.recurring.enabled,
      presets: list(draft.recurring.presets, 'recurringDonation.presets'),
    },
    coverFee: {
      enabled: draft.coverFee.enabled,
      percent: Number(draft.coverFee.percent.replace(',', '.')),
      fixed: amount(draft.coverFee.fixed, 'coverFee.fixed'),
    },
  };
  return { offers, errors };
}

/** The offers form; only admins may save (editors see it read-only). */
export function SupportOffersForm({ initial, canEdit }: { initial: Offers; canEdit: boolean }) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(initial));
  const [fields, setFields] = useState<FieldErrors>({});
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState('');
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  const setTier = (index: number, patch: Partial<TierDraft>) =>
    set({ tiers: draft.tiers.map((t, i) => (i === index ? { ...t, ...patch } : t)) });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setMessage('');
    const { offers, errors } = offersOf(draft);
    setFields(errors);
    if (Object.keys(errors).length > 0) {
      setError(new Error('Please correct the fields marked below.'));
      return;
    }
    try {
      const answer = await api<{ offers: Offers }>('PUT', '/api/admin/revenue/offers', offers);
      setDraft(draftOf(answer.offers));
      setMessage('Offers saved. Pages show them within a few seconds.');
    } catch (err) {
      if (err instanceof ApiError) setFields(err.fields);
      setError(err);
    }
  }

  const c = draft.currency.toUpperCase();
  return (
    <form className="stack narrow" onSubmit={(e) => void submit(e)} aria-labelledby="offers-title">
      <h2 id="offers-title">Offers</h2>
      {canEdit ? null : <p className="hint">Only admins can change prices and the currency.</p>}
      <fieldset disabled={!canEdit} className="stack">
        <FormField
          label="Currency"
          hint="An ISO 4217 code: USD, EUR, UAH, GBP …"
          errors={errorsFor(fields, 'currency')}
        >
          {(props) => (
            <input
              {...props}
              value={draft.currency}
              maxLength={3}
              onChange={(e) => set({ currency: e.target.value })}
            />
          )}
        </FormField>
        <fieldset>
          <legend>Membership tiers</legend>
          {draft.tiers.map((tier, i) => (
            <fieldset key={i} className="stack">
              <legend>Tier {i + 1}</legend>
              <FormField
                label="Id"
                hint="Lowercase letters, digits and dashes; used in links and reports."
                errors={errorsFor(fields, `tiers.${i}.id`)}
              >
                {(p) => (
                  <input
                    {...p}
                    value={tier.id}
                    onChange={(e) => setTier(i, { id: e.target.value })}
                  />
                )}
              </FormField>
              <FormField label="Name" errors={errorsFor(fields, `tiers.${i}.name`)}>
                {(p) => (
                  <input
                    {...p}
                    value={tier.name}
                    onChange={(e) => setTier(i, { name: e.target.value })}
                  />
                )}
              </FormField>
              <FormField label="Description" errors={errorsFor(fields, `tiers.${i}.description`)}>
                {(p) => (
                  <input
                    {...p}
                    value={tier.description}
                    onChange={(e) => setTier(i, { description: e.target.value })}
                  />
                )}
              </FormField>
              <FormField
                label={`Monthly price (${c})`}
                errors={errorsFor(fields, `tiers.${i}.monthly`)}
              >
                {(p) => (
                  <input
                    {...p}
                    inputMode="decimal"
                    value={tier.monthly}
                    onChange={(e) => setTier(i, { monthly: e.target.value })}
                  />
                )}
              </FormField>
              <FormField
                label={`Yearly price (${c})`}
                errors={errorsFor(fields, `tiers.${i}.yearly`)}
              >
                {(p) => (
                  <input
                    {...p}
                    inputMode="decimal"
                    value={tier.yearly}
                    onChange={(e) => setTier(i, { yearly: e.target.value })}
                  />
                )}
              </FormField>
              <CheckField
                label="Offered on the site"
                checked={tier.enabled}
                onChange={(enabled) => setTier(i, { enabled })}
              />
              <button
                type="button"
                onClick={() => set({ tiers: draft.tiers.filter((_, j) => j !== i) })}
              >
                Remove tier {i + 1}
              </button>
            </fieldset>
          ))}
          <Alert>{errorsFor(fields, 'tiers').join(' ') || null}</Alert>
          <button
            type="button"
            disabled={draft.tiers.length >= 6}
            onClick={() =>
              set({
                tiers: [
                  ...draft.tiers,
                  { id: '', name: '', description: '', monthly: '', yearly: '', enabled: true },
                ],
              })
            }
          >
            Add a tier
          </button>
        </fieldset>
        <fieldset className="stack">
          <legend>One-time donation</legend>
          <CheckField
            label="Offer one-time donations"
            checked={draft.donation.enabled}
            onChange={(enabled) => set({ donation: { ...draft.donation, enabled } })}
          />
          <FormField
            label={`Preset amounts (${c})`}
            hint="Separated by spaces, for example: 5 10 25"
            errors={errorsFor(fields, 'donation.presets', true)}
          >
            {(p) => (
              <input
                {...p}
                value={draft.donation.presets}
                onChange={(e) => set({ donation: { ...draft.donation, presets: e.target.value } })}
              />
            )}
          </FormField>
          <CheckField
            label="Readers may type another amount"
            checked={draft.donation.allowCustom}
            onChange={(allowCustom) => set({ donation: { ...draft.donation, allowCustom } })}
          />
          <FormField
            label={`Minimum (${c})`}
            hint="At least one unit of the currency."
            errors={errorsFor(fields, 'donation.minimum')}
          >
            {(p) => (
              <input
                {...p}
                inputMode="decimal"
                value={draft.donation.minimum}
                onChange={(e) => set({ donation: { ...draft.donation, minimum: e.target.value } })}
              />
            )}
          </FormField>
          <FormField label={`Maximum (${c})`} errors={errorsFor(fields, 'donation.maximum')}>
            {(p) => (
              <input
                {...p}
                inputMode="decimal"
                value={draft.donation.maximum}
                onChange={(e) => set({ donation: { ...draft.donation, maximum: e.target.value } })}
              />
            )}
          </FormField>
        </fieldset>
        <fieldset className="stack">
          <legend>Monthly donation</legend>
          <CheckField
            label="Offer monthly donations"
            checked={draft.recurring.enabled}
            onChange={(enabled) => set({ recurring: { ...draft.recurring, enabled } })}
          />
          <FormField
            label={`Preset amounts (${c})`}
            hint="Separated by spaces, for example: 3 5 10"
            errors={errorsFor(fields, 'recurringDonation.presets', true)}
          >
            {(p) => (
              <input
                {...p}
                value={draft.recurring.presets}
                onChange={(e) =>
                  set({ recurring: { ...draft.recurring, presets: e.target.value } })
                }
              />
            )}
          </FormField>
        </fieldset>
        <fieldset className="stack">
          <legend>Processing fee</legend>
          <CheckField
            label="Let readers cover the card processing fee"
            checked={draft.coverFee.enabled}
            onChange={(enabled) => set({ coverFee: { ...draft.coverFee, enabled } })}
          />
          <FormField label="Percent" errors={errorsFor(fields, 'coverFee.percent')}>
            {(p) => (
              <input
                {...p}
                inputMode="decimal"
                value={draft.coverFee.percent}
                onChange={(e) => set({ coverFee: { ...draft.coverFee, percent: e.target.value } })}
              />
            )}
          </FormField>
          <FormField label={`Fixed part (${c})`} errors={errorsFor(fields, 'coverFee.fixed')}>
            {(p) => (
              <input
                {...p}
                inputMode="decimal"
                value={draft.coverFee.fixed}
                onChange={(e) => set({ coverFee: { ...draft.coverFee, fixed: e.target.value } })}
              />
            )}
          </FormField>
        </fieldset>
        <Alert error={error} />
        {message ? <p role="status">{message}</p> : null}
        <button type="submit" className="primary">
          Save offers
        </button>
      </fieldset>
    </form>
  );
}
