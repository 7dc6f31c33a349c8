import { type FormEvent, useState } from 'react';
import { api, ApiError } from '../../api';
import { Alert } from '../../ui';
import { CheckField, errorsFor, type FieldErrors, FormField, wholeNumber } from './support-fields';

// How the site asks: texts (empty = the built-in wording in the page's language), where the
// prompts go, and how often a reader sees them; the soft walls (registration, donation) too.

interface Placement {
  enabled: boolean;
  memberLabel: string;
  donateLabel: string;
  maxViewsPerWeek: number;
}
export interface Prompts {
  inline: Placement & { afterParagraph: number; heading: string; text: string };
  afterBody: Placement & {
    heading: string;
    text: string;
    donationForm: boolean;
    cardMarks: boolean;
  };
  banner: Placement & { text: string; dismissDays: number };
  registrationWall: Wall & { registerLabel: string; signInLabel: string };
  donationWall: Wall & {
    donateLabel: string;
    memberLabel: string;
    continueLabel: string;
    dismissDays: number;
  };
}
/** A soft wall: shown from a reader's Nth article in 30 days (counted in their browser). */
interface Wall {
  enabled: boolean;
  afterArticles: number;
  afterParagraph: number;
  heading: string;
  text: string;
  maxViewsPerWeek: number;
}
interface Wording {
  memberLabel: string;
  donateLabel: string;
  inline: { heading: string; text: string };
  afterBody: { heading: string; text: string };
  banner: { text: string };
  registrationWall: { heading: string; text: string; registerLabel: string; signInLabel: string };
  donationWall: { heading: string; text: string; donateLabel: string; continueLabel: string };
}
export interface PromptsAnswer {
  prompts: Prompts;
  defaults: Record<string, Wording>;
}

type Numbers = Record<string, string>;
type TextName =
  | 'heading'
  | 'text'
  | 'memberLabel'
  | 'donateLabel'
  | 'registerLabel'
  | 'signInLabel'
  | 'continueLabel';
const numberKeys = [
  'inline.afterParagraph',
  'inline.maxViewsPerWeek',
  'afterBody.maxViewsPerWeek',
  'banner.maxViewsPerWeek',
  'banner.dismissDays',
  'registrationWall.afterArticles',
  'registrationWall.afterParagraph',
  'registrationWall.maxViewsPerWeek',
  'donationWall.afterArticles',
  'donationWall.afterParagraph',
  'donationWall.maxViewsPerWeek',
  'donationWall.dismissDays',
] as const;

function numbersOf(p: Prompts): Numbers {
  return {
    'inline.afterParagraph': String(p.inline.afterParagraph),
    'inline.maxViewsPerWeek': String(p.inline.maxViewsPerWeek),
    'afterBody.maxViewsPerWeek': String(p.afterBody.maxViewsPerWeek),
    'banner.maxViewsPerWeek': String(p.banner.maxViewsPerWeek),
    'banner.dismissDays': String(p.banner.dismissDays),
    'registrationWall.afterArticles': String(p.registrationWall.afterArticles),
    'registrationWall.afterParagraph': String(p.registrationWall.afterParagraph),
    'registrationWall.maxViewsPerWeek': String(p.registrationWall.maxViewsPerWeek),
    'donationWall.afterArticles': String(p.donationWall.afterArticles),
    'donationWall.afterParagraph': String(p.donationWall.afterParagraph),
    'donationWall.maxViewsPerWeek': String(p.donationWall.maxViewsPerWeek),
    'donationWall.dismissDays': String(p.donationWall.dismissDays),
  };
}

/** The prompts form (editors and admins). */
export function SupportPromptsForm({ initial }: { initial: PromptsAnswer }) {
  const [prompts, setPrompts] = useState<Prompts>(initial.prompts);
  const [numbers, setNumbers] = useState<Numbers>(() => numbersOf(initial.prompts));
  const [fields, setFields] = useState<FieldErrors>({});
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState('');
  const wording = initial.defaults.en;

  function setPlacement<K extends keyof Prompts>(key: K, patch: Partial<Prompts[K]>) {
    setPrompts({ ...prompts, [key]: { ...prompts[key], ...patch } });
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setMessage('');
    const body = structuredClone(prompts) as unknown as Record<string, Record<string, unknown>>;
    for (const key of numberKeys) {
      const [placement = '', name = ''] = key.split('.');
      const target = body[placement];
      if (target) target[name] = wholeNumber(numbers[key] ?? '');
    }
    try {
      const answer = await api<PromptsAnswer>('PUT', '/api/admin/revenue/prompts', body);
      setPrompts(answer.prompts);
      setNumbers(numbersOf(answer.prompts));
      setFields({});
      setMessage('Prompts saved. Pages show them within a few seconds.');
    } catch (err) {
      if (err instanceof ApiError) setFields(err.fields);
      setError(err);
    }
  }

  const text = (
    placement: keyof Prompts,
    name: TextName,
    label: string,
    builtIn: string | undefined,
    multiline = false,
  ) => {
    const value = (prompts[placement] as unknown as Record<string, string>)[name] ?? '';
    const onChange = (v: string) => setPlacement(placement, { [name]: v } as never);
    return (
      <FormField
        label={label}
        hint={`Empty: “${builtIn ?? ''}” (or its translation on pages in another language).`}
        errors={errorsFor(fields, `${placement}.${name}`)}
      >
        {(p) =>
          multiline ? (
            <textarea {...p} rows={3} value={value} onChange={(e) => onChange(e.target.value)} />
          ) : (
            <input {...p} value={value} onChange={(e) => onChange(e.target.value)} />
          )
        }
      </FormField>
    );
  };
  const number = (key: (typeof numberKeys)[number], label: string, hint: string) => (
    <FormField label={label} hint={hint} errors={errorsFor(fields, key)}>
      {(p) => (
        <input
          {...p}
          inputMode="numeric"
          value={numbers[key] ?? ''}
          onChange={(e) => setNumbers({ ...numbers, [key]: e.target.value })}
        />
      )}
    </FormField>
  );
  const capHint = 'How many times a reader sees it in 7 days; 0 for no limit.';
  const paragraphHint =
    'How much of the story a reader sees before the wall; the rest waits behind it. From 1 to 50.';
  const articlesHint =
    'Counted in the reader’s browser: different stories read in the last 30 days, this one included.';

  return (
    <form className="stack narrow" onSubmit={(e) => void submit(e)} aria-labelledby="prompts-title">
      <h2 id="prompts-title">Support prompts</h2>
      <p className="hint">
        Paying members never see the prompts, nor do readers arriving from our own emails.{' '}
        <code>{'{minimum}'}</code> in a text shows the smallest donation.
      </p>
      <fieldset className="stack">
        <legend>Inside the article</legend>
        <CheckField
          label="Show inside articles"
          checked={prompts.inline.enabled}
          onChange={(enabled) => setPlacement('inline', { enabled })}
        />
        {number(
          'inline.afterParagraph',
          'After paragraph',
          'Articles with fewer paragraphs do not show it.',
        )}
        {text('inline', 'heading', 'Heading', wording?.inline.heading)}
        {text('inline', 'text', 'Text', wording?.inline.text, true)}
        {text('inline', 'memberLabel', 'Membership button', wording?.memberLabel)}
        {text('inline', 'donateLabel', 'Donation button', wording?.donateLabel)}
        {number('inline.maxViewsPerWeek', 'Views per week', capHint)}
      </fieldset>
      <fieldset className="stack">
        <legend>After the article</legend>
        <CheckField
          label="Show after articles"
          checked={prompts.afterBody.enabled}
          onChange={(enabled) => setPlacement('afterBody', { enabled })}
        />
        {text('afterBody', 'heading', 'Heading', wording?.afterBody.heading)}
        {text('afterBody', 'text', 'Text', wording?.afterBody.text, true)}
        {text('afterBody', 'memberLabel', 'Membership button', wording?.memberLabel)}
        {text('afterBody', 'donateLabel', 'Donation button', wording?.donateLabel)}
        <CheckField
          label="Include a one-time donation form"
          checked={prompts.afterBody.donationForm}
          onChange={(donationForm) => setPlacement('afterBody', { donationForm })}
        />
        <CheckField
          label="Show the card marks (Visa, Mastercard, American Express)"
          checked={prompts.afterBody.cardMarks}
          onChange={(cardMarks) => setPlacement('afterBody', { cardMarks })}
        />
        {number('afterBody.maxViewsPerWeek', 'Views per week', capHint)}
      </fieldset>
      <fieldset className="stack">
        <legend>Banner below the masthead</legend>
        <CheckField
          label="Show the banner on every page"
          checked={prompts.banner.enabled}
          onChange={(enabled) => setPlacement('banner', { enabled })}
        />
        {text('banner', 'text', 'Text', wording?.banner.text, true)}
        {text('banner', 'memberLabel', 'Membership button', wording?.memberLabel)}
        {text('banner', 'donateLabel', 'Donation button', wording?.donateLabel)}
        {number('banner.dismissDays', 'Days away after “Dismiss”', 'From 1 to 365.')}
        {number('banner.maxViewsPerWeek', 'Views per week', capHint)}
      </fieldset>
      <fieldset className="stack">
        <legend>Registration wall</legend>
        <p className="hint">
          Asks readers who are not signed in to register for free, over the rest of a public story
          (never on stories for members, where the access wall stands). The story stays in the page:
          readers without JavaScript read on.
        </p>
        <CheckField
          label="Show the registration wall"
          checked={prompts.registrationWall.enabled}
          onChange={(enabled) => setPlacement('registrationWall', { enabled })}
        />
        {number('registrationWall.afterArticles', 'From the reader’s story number', articlesHint)}
        {number('registrationWall.afterParagraph', 'Paragraphs above the wall', paragraphHint)}
        {text('registrationWall', 'heading', 'Heading', wording?.registrationWall.heading)}
        {text('registrationWall', 'text', 'Text', wording?.registrationWall.text, true)}
        {text(
          'registrationWall',
          'registerLabel',
          'Register button',
          wording?.registrationWall.registerLabel,
        )}
        {text(
          'registrationWall',
          'signInLabel',
          'Sign-in link',
          wording?.registrationWall.signInLabel,
        )}
        {number('registrationWall.maxViewsPerWeek', 'Views per week', capHint)}
      </fieldset>
      <fieldset className="stack">
        <legend>Donation wall</legend>
        <p className="hint">
          Asks for a donation over the rest of a public story; “Continue reading” puts the story
          back. Shown after the registration wall’s turn, one wall per page.
        </p>
        <CheckField
          label="Show the donation wall"
          checked={prompts.donationWall.enabled}
          onChange={(enabled) => setPlacement('donationWall', { enabled })}
        />
        {number('donationWall.afterArticles', 'From the reader’s story number', articlesHint)}
        {number('donationWall.afterParagraph', 'Paragraphs above the wall', paragraphHint)}
        {text('donationWall', 'heading', 'Heading', wording?.donationWall.heading)}
        {text('donationWall', 'text', 'Text', wording?.donationWall.text, true)}
        {text('donationWall', 'donateLabel', 'Donation button', wording?.donationWall.donateLabel)}
        {text('donationWall', 'memberLabel', 'Membership button', wording?.memberLabel)}
        {text(
          'donationWall',
          'continueLabel',
          '“Continue reading” button',
          wording?.donationWall.continueLabel,
        )}
        {number('donationWall.dismissDays', 'Days away after “Continue reading”', 'From 1 to 365.')}
        {number('donationWall.maxViewsPerWeek', 'Views per week', capHint)}
      </fieldset>
      <Alert error={error} />
      {message ? <p role="status">{message}</p> : null}
      <button type="submit" className="primary">
        Save prompts
      </button>
    </form>
  );
}
