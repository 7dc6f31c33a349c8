import { type FormEvent, useState } from 'react';
import { api } from '../api';
import { useSession, useUser } from '../session';
import { Alert, Field, NewPasswordField, ScreenTitle } from '../ui';

function ChangePassword() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState('');
  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setMessage('');
    try {
      await api('PATCH', '/api/admin/me', { current_password: current, password: next });
      setMessage('Your password was changed.');
      setCurrent('');
      setNext('');
    } catch (err) {
      setError(err);
    }
  }
  return (
    <form className="stack" onSubmit={(e) => void submit(e)}>
      <h2>Change password</h2>
      <Field label="Current password">
        {(props) => (
          <input
            {...props}
            type="password"
            autoComplete="current-password"
            required
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
          />
        )}
      </Field>
      <NewPasswordField value={next} onChange={setNext} />
      <Alert error={error} />
      {message ? <p role="status">{message}</p> : null}
      <button type="submit">Change password</button>
    </form>
  );
}

function TwoFactor({ enabled }: { enabled: boolean }) {
  const { refresh } = useSession();
  const [setup, setSetup] = useState<{ secret: string; otpauth_url: string } | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState('');

  async function start() {
    setError(null);
    try {
      setSetup(
        await api<{ secret: string; otpauth_url: string }>('POST', '/api/admin/me/totp/setup'),
      );
    } catch (err) {
      setError(err);
    }
  }
  async function confirm(event: FormEvent, action: 'enable' | 'disable') {
    event.preventDefault();
    setError(null);
    try {
      await api('POST', `/api/admin/me/totp/${action}`, { code });
      setMessage(action === 'enable' ? 'Two-factor sign-in is on.' : 'Two-factor sign-in is off.');
      setSetup(null);
      setCode('');
      await refresh();
    } catch (err) {
      setError(err);
    }
  }

  const codeField = (
    <Field label="Code from your authenticator app">
      {(props) => (
        <input
          {...props}
          inputMode="numeric"
          autoComplete="one-time-code"
          required
          value={code}
          onChange={(e) => setCode(e.target.value)}
        />
      )}
    </Field>
  );
  return (
    <section className="stack">
      <h2>Two-factor sign-in</h2>
      <p>Status: {enabled ? 'on' : 'off'}</p>
      {!enabled && !setup ? (
        <button type="button" onClick={() => void start()}>
          Set up two-factor sign-in
        </button>
      ) : null}
      {setup ? (
        <form className="stack" onSubmit={(e) => void confirm(e, 'enable')}>
          <p>
            Add this account to your authenticator app with the setup address or the secret key:
          </p>
          <p className="mono" aria-label="Setup address">
            {setup.otpauth_url}
          </p>
          <p>
            Secret key: <code className="mono">{setup.secret}</code>
          </p>
          {codeField}
          <button type="submit" className="primary">
            Turn on
          </button>
        </form>
      ) : null}
      {enabled ? (
        <form className="stack" onSubmit={(e) => void confirm(e, 'disable')}>
          {codeField}
          <button type="submit">Turn off two-factor sign-in</button>
        </form>
      ) : null}
      <Alert error={error} />
      {message ? <p role="status">{message}</p> : null}
    </section>
  );
}

export default function Account() {
  const user = useUser();
  return (
    <>
      <ScreenTitle title="Your account">Your account</ScreenTitle>
      <p>
        {user.name} · {user.email} · {user.role}
      </p>
      <div className="columns">
        <ChangePassword />
        <TwoFactor enabled={user.totp_enabled === true} />
      </div>
    </>
  );
}
