import { type FormEvent, useState } from 'react';
import { api, ApiError } from '../api';
import { Link, navigate } from '../router';
import { type SignInAnswer, useSession } from '../session';
import { Alert, Field, ScreenTitle } from '../ui';

/** Email + password, then a TOTP code when the account has two-factor sign-in. */
export function SignIn({ next }: { next: string | null }) {
  const { signedIn } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [needsCode, setNeedsCode] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const answer = await api<SignInAnswer>('POST', '/api/admin/session', {
        email,
        password,
        ...(needsCode ? { totp } : {}),
      });
      signedIn(answer);
      const target = new URLSearchParams(location.search).get('next') ?? next;
      if (target?.startsWith('/admin/') && !target.startsWith('//'))
        navigate(target.slice('/admin'.length), { replace: true });
      else if (location.pathname !== '/admin/articles') navigate('/articles', { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'totp_required') {
        setNeedsCode(true);
        if (needsCode) setError(err);
      } else setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main id="main" className="auth">
      <ScreenTitle title="Sign in">Sign in to the newsroom</ScreenTitle>
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
        <Field label="Password">
          {(props) => (
            <input
              {...props}
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
        {needsCode ? (
          <Field label="Authentication code" hint="The 6-digit code from your authenticator app.">
            {(props) => (
              <input
                {...props}
                inputMode="numeric"
                autoComplete="one-time-code"
                pattern="[0-9 ]{6,8}"
                required
                autoFocus
                value={totp}
                onChange={(e) => setTotp(e.target.value)}
              />
            )}
          </Field>
        ) : null}
        <Alert error={error} />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p>
        <Link to="/forgot-password">Forgot your password?</Link>
      </p>
    </main>
  );
}
