import type { Newsletter } from './types';

type Settings = Pick<
  Newsletter,
  'digest_enabled' | 'digest_time' | 'digest_days' | 'track_clicks' | 'track_opens'
>;

const weekdays = [
  [1, 'Mon'],
  [2, 'Tue'],
  [3, 'Wed'],
  [4, 'Thu'],
  [5, 'Fri'],
  [6, 'Sat'],
  [7, 'Sun'],
] as const;

/** The newsletter's automatic digest schedule and its click and open tracking. */
export function NewsletterAutomation({
  value,
  timeZone,
  onChange,
}: {
  value: Settings;
  timeZone: string;
  onChange: (patch: Partial<Settings>) => void;
}) {
  const toggleDay = (day: number, on: boolean) =>
    onChange({
      digest_days: on
        ? [...value.digest_days, day].sort()
        : value.digest_days.filter((d) => d !== day),
    });
  return (
    <>
      <fieldset className="field">
        <legend>Automatic digest</legend>
        <label className="choice">
          <input
            type="checkbox"
            checked={value.digest_enabled}
            onChange={(e) => onChange({ digest_enabled: e.target.checked })}
          />{' '}
          Send everything published since the last send, on a schedule (nothing is sent when nothing
          was published)
        </label>
        {value.digest_enabled ? (
          <>
            <label className="choice">
              Time ({timeZone}){' '}
              <input
                type="time"
                required
                value={value.digest_time}
                onChange={(e) => onChange({ digest_time: e.target.value })}
              />
            </label>
            <div className="row wrap" role="group" aria-label="Days (none ticked: every day)">
              {weekdays.map(([day, label]) => (
                <label key={day} className="choice">
                  <input
                    type="checkbox"
                    checked={value.digest_days.includes(day)}
                    onChange={(e) => toggleDay(day, e.target.checked)}
                  />{' '}
                  {label}
                </label>
              ))}
            </div>
            <p className="hint">No day ticked: every day.</p>
          </>
        ) : null}
      </fieldset>
      <fieldset className="field">
        <legend>Tracking</legend>
        <label className="choice">
          <input
            type="checkbox"
            checked={value.track_clicks}
            onChange={(e) => onChange({ track_clicks: e.target.checked })}
          />{' '}
          Count clicks (links go through signed redirects on this site)
        </label>
        <label className="choice">
          <input
            type="checkbox"
            checked={value.track_opens}
            onChange={(e) => onChange({ track_opens: e.target.checked })}
          />{' '}
          Count opens with a tracking pixel (off by default: it tells you little and tracks readers)
        </label>
      </fieldset>
    </>
  );
}
