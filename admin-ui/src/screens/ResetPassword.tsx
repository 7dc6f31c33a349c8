import { type FormEvent, useState } from 'react';
import { api } from '../api';
import { Link } from '../router';
import { Alert, Field, NewPasswordField, ScreenTitle } from '../ui';

export default function ResetPassword() {
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [done, setDone] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (password !== confirm) {
      setError(new Error('The two passwords are not the same.'));
      return;
    }
    setError(null);
    try {
      await api('POST', '/api/admin/password-reset/confirm', { token, password });
      setDone(true);
    } catch (err) {
      setError(err);
    }
  }

  return (
    <main id="main" className="auth">
      <ScreenTitle title="Choose a new password">Choose a new password</ScreenTitle>
      {!token ? <Alert>This link has no reset token. Ask for a new link.</Alert> : null}
      {done ? (
        <p role="status">
          Your password was changed. <Link to="/">Sign in</Link> with it now.
        </p>
      ) : (
        <form onSubmit={(e) => void submit(e)} className="stack">
          <NewPasswordField value={password} onChange={setPassword} />
          <Field label="New password again">
            {(props) => (
              <input
                {...props}
                type="password"
                autoComplete="new-password"
                required
                value={confirm}
                onChange={(e) => setConfirm(e.target.value)}
              />
            )}
          </Field>
          <Alert error={error} />
          <button type="submit" className="primary" disabled={!token}>
            Change password
          </button>
        </form>
      )}
    </main>
  );
}
