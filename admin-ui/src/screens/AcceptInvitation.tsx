import { type FormEvent, useEffect, useState } from 'react';
import { api } from '../api';
import { navigate } from '../router';
import { type SignInAnswer, useSession } from '../session';
import { Alert, Field, NewPasswordField, ScreenTitle } from '../ui';

/** An invited staff member picks a name and password; accepting signs them in. */
export default function AcceptInvitation() {
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const { signedIn } = useSession();
  const [invite, setInvite] = useState<{ email: string; role: string } | null>(null);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!token) return;
    api<{ email: string; role: string }>(
      'GET',
      `/api/admin/invitations/lookup?token=${encodeURIComponent(token)}`,
    ).then(setInvite, setError);
  }, [token]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      const answer = await api<SignInAnswer>('POST', '/api/admin/invitations/accept', {
        token,
        name,
        password,
      });
      signedIn(answer);
      navigate('/articles', { replace: true });
    } catch (err) {
      setError(err);
    }
  }

  return (
    <main id="main" className="auth">
      <ScreenTitle title="Join the newsroom">Join the newsroom</ScreenTitle>
      {!token ? <Alert>This link has no invitation token.</Alert> : null}
      {invite ? (
        <p>
          You were invited as <strong>{invite.role}</strong> with the address{' '}
          <strong>{invite.email}</strong>.
        </p>
      ) : null}
      <form onSubmit={(e) => void submit(e)} className="stack">
        <Field label="Your name" hint="As it appears to your colleagues.">
          {(props) => (
            <input
              {...props}
              autoComplete="name"
              required
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
          )}
        </Field>
        <NewPasswordField label="Choose a password" value={password} onChange={setPassword} />
        <Alert error={error} />
        <button type="submit" className="primary" disabled={!token}>
          Accept invitation
        </button>
      </form>
    </main>
  );
}
