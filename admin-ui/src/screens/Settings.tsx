import { type FormEvent, useEffect, useState } from 'react';
import { api } from '../api';
import { type SiteSettings, useSite } from '../site';
import { Alert, Field, moved, ScreenTitle, useLoad } from '../ui';

interface LinkItem {
  label: string;
  url: string;
}
type Settings = SiteSettings & {
  description: string;
  accentColor: string;
  logoUrl: string | null;
  navigation: LinkItem[];
  socialLinks: LinkItem[];
  footerText: string;
  postalAddress: string;
  /** Free gated stories a period (metering, ADR 0026). */
  meter: { anonymous: number; registered: number; periodDays: number };
};

type MeterKey = keyof Settings['meter'];

function LinksEditor({
  legend,
  links,
  onChange,
}: {
  legend: string;
  links: LinkItem[];
  onChange: (links: LinkItem[]) => void;
}) {
  const set = (index: number, patch: Partial<LinkItem>) =>
    onChange(links.map((l, i) => (i === index ? { ...l, ...patch } : l)));
  return (
    <fieldset className="links-editor">
      <legend>{legend}</legend>
      <ol>
        {links.map((link, index) => (
          <li key={index}>
            <Field label={`Label ${index + 1}`}>
              {(props) => (
                <input
                  {...props}
                  value={link.label}
                  onChange={(e) => set(index, { label: e.target.value })}
                />
              )}
            </Field>
            <Field label={`Address ${index + 1}`}>
              {(props) => (
                <input
                  {...props}
                  value={link.url}
                  onChange={(e) => set(index, { url: e.target.value })}
                />
              )}
            </Field>
            <div className="row">
              <button
                type="button"
                disabled={index === 0}
                onClick={() => onChange(moved(links, index, -1))}
              >
                Move up<span className="visually-hidden"> link {index + 1}</span>
              </button>
              <button
                type="button"
                disabled={index === links.length - 1}
                onClick={() => onChange(moved(links, index, 1))}
              >
                Move down<span className="visually-hidden"> link {index + 1}</span>
              </button>
              <button type="button" onClick={() => onChange(links.filter((_, i) => i !== index))}>
                Remove<span className="visually-hidden"> link {index + 1}</span>
              </button>
            </div>
          </li>
        ))}
      </ol>
      <button type="button" onClick={() => onChange([...links, { label: '', url: '' }])}>
        Add a link<span className="visually-hidden"> to {legend}</span>
      </button>
    </fieldset>
  );
}

export default function Settings() {
  const { setSite } = useSite();
  const loaded = useLoad(() => api<{ settings: Settings }>('GET', '/api/admin/settings'), []);
  const [values, setValues] = useState<Settings | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState('');
  useEffect(() => {
    if (loaded.data) setValues(loaded.data.settings);
  }, [loaded.data]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!values) return;
    setError(null);
    setMessage('');
    try {
      const answer = await api<{ settings: Settings }>('PATCH', '/api/admin/settings', {
        name: values.name,
        description: values.description,
        logoUrl: values.logoUrl || null,
        accentColor: values.accentColor,
        timeZone: values.timeZone,
        language: values.language,
        navigation: values.navigation,
        socialLinks: values.socialLinks,
        footerText: values.footerText,
        postalAddress: values.postalAddress,
        meter: values.meter,
      });
      setValues(answer.settings);
      setSite(answer.settings);
      setMessage('Settings saved.');
    } catch (err) {
      setError(err);
    }
  }

  const text = (
    key:
      | 'name'
      | 'description'
      | 'timeZone'
      | 'language'
      | 'footerText'
      | 'postalAddress'
      | 'accentColor',
    label: string,
    hint?: string,
    multiline = false,
  ) => (
    <Field label={label} {...(hint ? { hint } : {})}>
      {(props) =>
        multiline ? (
          <textarea
            {...props}
            rows={3}
            value={values?.[key] ?? ''}
            onChange={(e) => values && setValues({ ...values, [key]: e.target.value })}
          />
        ) : (
          <input
            {...props}
            value={values?.[key] ?? ''}
            onChange={(e) => values && setValues({ ...values, [key]: e.target.value })}
          />
        )
      }
    </Field>
  );

  const meterField = (key: MeterKey, label: string, hint: string, min: number) => (
    <Field label={label} hint={hint}>
      {(props) => (
        <input
          {...props}
          type="number"
          min={min}
          max={key === 'periodDays' ? 90 : 50}
          value={values?.meter[key] ?? 0}
          onChange={(e) =>
            values &&
            setValues({ ...values, meter: { ...values.meter, [key]: Number(e.target.value) } })
          }
        />
      )}
    </Field>
  );

  return (
    <>
      <ScreenTitle title="Site settings">Site settings</ScreenTitle>
      <Alert error={loaded.error} />
      {values ? (
        <form className="stack narrow" onSubmit={(e) => void submit(e)}>
          {text('name', 'Site name')}
          {text('description', 'Description', 'Shown in search results and feeds.', true)}
          <Field label="Logo address" hint="An https:// address or /media/… path; empty for none.">
            {(props) => (
              <input
                {...props}
                value={values.logoUrl ?? ''}
                onChange={(e) => setValues({ ...values, logoUrl: e.target.value })}
              />
            )}
          </Field>
          <Field label="Accent colour" hint="A colour like #b3122e.">
            {(props) => (
              <input
                {...props}
                type="color"
                value={values.accentColor}
                onChange={(e) => setValues({ ...values, accentColor: e.target.value })}
              />
            )}
          </Field>
          {text(
            'timeZone',
            'Time zone',
            'A name like Europe/Kyiv. Dates in the admin and on the site use it.',
          )}
          {text('language', 'Language', 'A code such as en or uk.')}
          <LinksEditor
            legend="Navigation links"
            links={values.navigation}
            onChange={(navigation) => setValues({ ...values, navigation })}
          />
          <LinksEditor
            legend="Social links"
            links={values.socialLinks}
            onChange={(socialLinks) => setValues({ ...values, socialLinks })}
          />
          {text('footerText', 'Footer text', undefined, true)}
          {text('postalAddress', 'Postal address', 'Printed in email footers.', true)}
          <fieldset>
            <legend>Free stories (metering)</legend>
            {meterField(
              'anonymous',
              'For readers who are not signed in',
              'Stories for registered readers or paying members they may read in full each period; 0: the wall at once.',
              0,
            )}
            {meterField(
              'registered',
              'For signed-in free members',
              'Stories for paying members they may read in full each period.',
              0,
            )}
            {meterField(
              'periodDays',
              'Period (days)',
              '1 to 90; the count starts again after it.',
              1,
            )}
          </fieldset>
          <Alert error={error} />
          {message ? <p role="status">{message}</p> : null}
          <button type="submit" className="primary">
            Save settings
          </button>
        </form>
      ) : null}
    </>
  );
}
