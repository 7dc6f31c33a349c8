import { type FormEvent, useState } from 'react';
import { api } from '../api';
import { Link } from '../router';
import { Alert, Field, ScreenTitle } from '../ui';

export default function ForgotPassword() {
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await api('POST', '/api/admin/password-reset', { email });
      setSent(true);
    } catch (err) {
      setError(err);
    }
  }

  return (
    <main id="main" className="auth">
      <ScreenTitle title="Forgot password">Reset your password</ScreenTitle>
      {sent ? (
        <p role="status">
          If an account exists for {email}, we sent it a link to choose a new password. The link
          works once and expires soon.
        </p>
      ) : (
        <form onSubmit={(e) => void submit(e)} className="stack">
          <Field label="Email">
            {(props) => (
              <input
                {...props}
                type="email"
                autoComplete="username"
                required
                value={email}
                onChange={(e) => setEmail(e.target.value)}
              />
            )}
          </Field>
          <Alert error={error} />
          <button type="submit" className="primary">
            Send reset link
          </button>
        </form>
      )}
      <p>
        <Link to="/">Back to sign in</Link>
      </p>
    </main>
  );
}
