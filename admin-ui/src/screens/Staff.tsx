import { type FormEvent, useState } from 'react';
import { api } from '../api';
import type { Role } from '../session';
import { useUser } from '../session';
import { useSite } from '../site';
import { Alert, Field, formatDate, ScreenTitle, useLoad } from '../ui';

const roles: Role[] = ['contributor', 'author', 'editor', 'admin'];
interface StaffMember {
  id: number;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  totp_enabled: boolean;
}
interface Invitation {
  id: number;
  email: string;
  role: Role;
  expires_at: string;
}

function StaffRow({ member, onChanged }: { member: StaffMember; onChanged: () => void }) {
  const me = useUser();
  const [error, setError] = useState<unknown>(null);
  async function patch(body: Record<string, unknown>) {
    setError(null);
    try {
      await api('PATCH', `/api/admin/users/${member.id}`, body);
      onChanged();
    } catch (err) {
      setError(err);
    }
  }
  return (
    <tr>
      <td>
        {member.name}
        <br />
        <span className="hint">{member.email}</span>
      </td>
      <td>
        <label className="visually-hidden" htmlFor={`role-${member.id}`}>
          Role of {member.name}
        </label>
        <select
          id={`role-${member.id}`}
          value={member.role}
          disabled={member.id === me.id}
          onChange={(e) => void patch({ role: e.target.value })}
        >
          {roles.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
      </td>
      <td>{member.totp_enabled ? 'On' : 'Off'}</td>
      <td>
        {member.id === me.id ? (
          'You'
        ) : (
          <button type="button" onClick={() => void patch({ disabled: !member.disabled })}>
            {member.disabled ? 'Enable' : 'Disable'}
            <span className="visually-hidden"> {member.name}</span>
          </button>
        )}
        <Alert error={error} />
      </td>
    </tr>
  );
}

export default function Staff() {
  const { site } = useSite();
  const users = useLoad(() => api<{ users: StaffMember[] }>('GET', '/api/admin/users'), []);
  const invitations = useLoad(
    () => api<{ invitations: Invitation[] }>('GET', '/api/admin/invitations'),
    [],
  );
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('author');
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState('');

  async function invite(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setMessage('');
    try {
      await api('POST', '/api/admin/invitations', { email, role });
      setMessage(`Invitation sent to ${email}.`);
      setEmail('');
      invitations.reload();
    } catch (err) {
      setError(err);
    }
  }
  async function revoke(id: number) {
    try {
      await api('DELETE', `/api/admin/invitations/${id}`);
      invitations.reload();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <>
      <ScreenTitle title="Staff">Staff</ScreenTitle>
      <Alert error={users.error} />
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">Staff members</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Two-factor</th>
              <th scope="col">Account</th>
            </tr>
          </thead>
          <tbody>
            {users.data?.users.map((u) => (
              <StaffRow key={u.id} member={u} onChanged={users.reload} />
            ))}
          </tbody>
        </table>
      </div>
      <section className="panel narrow" aria-labelledby="invite-title">
        <h2 id="invite-title">Invite a staff member</h2>
        <form className="stack" onSubmit={(e) => void invite(e)}>
          <Field label="Email">
            {(props) => (
              <input
                {...props}
                type="email"
                required
                value={email}
                onChange={(e) => setEmail(e.target.value)}
              />
            )}
          </Field>
          <Field label="Role">
            {(props) => (
              <select {...props} value={role} onChange={(e) => setRole(e.target.value as Role)}>
                {roles.map((r) => (
                  <option key={r}>{r}</option>
                ))}
              </select>
            )}
          </Field>
          <Alert error={error} />
          {message ? <p role="status">{message}</p> : null}
          <button type="submit" className="primary">
            Send invitation
          </button>
        </form>
        <h3>Pending invitations</h3>
        <Alert error={invitations.error} />
        <ul className="entity-list">
          {invitations.data?.invitations.map((i) => (
            <li key={i.id}>
              {i.email} ({i.role}) · expires {formatDate(i.expires_at, site.timeZone)}{' '}
              <button type="button" onClick={() => void revoke(i.id)}>
                Revoke<span className="visually-hidden"> invitation for {i.email}</span>
              </button>
            </li>
          ))}
          {invitations.data?.invitations.length === 0 ? <li>None.</li> : null}
        </ul>
      </section>
    </>
  );
}
