import { type FormEvent, useState } from 'react';
import { api } from '../api';
import { atLeast, useUser } from '../session';
import { Alert, Field, ScreenTitle, useLoad } from '../ui';

export interface FieldDef {
  name: string;
  label: string;
  kind?: 'text' | 'textarea' | 'url' | 'select';
  options?: Array<[string, string]>;
  hint?: string;
}
type Entity = { id: number; name: string } & Record<string, unknown>;
type Values = Record<string, string>;

function valuesOf(fields: FieldDef[], entity?: Entity): Values {
  return Object.fromEntries(
    fields.map((f) => [
      f.name,
      entity?.[f.name] == null ? (f.options?.[0]?.[0] ?? '') : String(entity[f.name]),
    ]),
  );
}

function bodyOf(fields: FieldDef[], values: Values) {
  return Object.fromEntries(
    fields.map((f) => [
      f.name,
      (f.kind === 'url' || f.kind === 'select') && values[f.name] === '' ? null : values[f.name],
    ]),
  );
}

function EntityForm({
  fields,
  initial,
  submitLabel,
  onSubmit,
}: {
  fields: FieldDef[];
  initial: Values;
  submitLabel: string;
  onSubmit: (values: Values) => Promise<void>;
}) {
  const [values, setValues] = useState(initial);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState('');
  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setMessage('');
    try {
      await onSubmit(values);
      setMessage('Saved.');
    } catch (err) {
      setError(err);
    }
  }
  const set = (name: string, value: string) => setValues({ ...values, [name]: value });
  return (
    <form className="stack" onSubmit={(e) => void submit(e)}>
      {fields.map((f) => (
        <Field key={f.name} label={f.label} {...(f.hint ? { hint: f.hint } : {})}>
          {(props) =>
            f.kind === 'textarea' ? (
              <textarea
                {...props}
                rows={3}
                value={values[f.name]}
                onChange={(e) => set(f.name, e.target.value)}
              />
            ) : f.kind === 'select' ? (
              <select
                {...props}
                value={values[f.name]}
                onChange={(e) => set(f.name, e.target.value)}
              >
                {f.options?.map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            ) : (
              <input
                {...props}
                type={f.kind === 'url' ? 'url' : 'text'}
                required={f.name === 'name'}
                value={values[f.name]}
                onChange={(e) => set(f.name, e.target.value)}
              />
            )
          }
        </Field>
      ))}
      <Alert error={error} />
      {message ? <p role="status">{message}</p> : null}
      <button type="submit">{submitLabel}</button>
    </form>
  );
}

/** Lists, creates, edits and deletes authors/desks or tags (editors and admins change them). */
export function TaxonomyScreen({
  title,
  path,
  collectionKey,
  singular,
  fields,
}: {
  title: string;
  path: string;
  collectionKey: string;
  singular: string;
  fields: FieldDef[];
}) {
  const user = useUser();
  const canEdit = atLeast(user.role, 'editor');
  const list = useLoad(() => api<Record<string, Entity[]>>('GET', path), [path]);
  const [error, setError] = useState<unknown>(null);
  const [formKey, setFormKey] = useState(0);
  const items = list.data?.[collectionKey] ?? [];

  async function remove(entity: Entity) {
    if (!confirm(`Delete ${entity.name}?`)) return;
    setError(null);
    try {
      await api('DELETE', `${path}/${entity.id}`);
      list.reload();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <>
      <ScreenTitle title={title}>{title}</ScreenTitle>
      <Alert error={list.error ?? error} />
      {!canEdit ? <p>Editors and admins can change these.</p> : null}
      <ul className="entity-list">
        {items.map((entity) => (
          <li key={entity.id}>
            <details>
              <summary>
                {entity.name}
                {typeof entity.kind === 'string' ? ` (${entity.kind})` : ''}
                {typeof entity.slug === 'string' ? ` · /${entity.slug}` : ''}
              </summary>
              {canEdit ? (
                <>
                  <EntityForm
                    fields={fields}
                    initial={valuesOf(fields, entity)}
                    submitLabel={`Save ${singular}`}
                    onSubmit={async (values) => {
                      await api('PATCH', `${path}/${entity.id}`, bodyOf(fields, values));
                      list.reload();
                    }}
                  />
                  <button type="button" onClick={() => void remove(entity)}>
                    Delete {entity.name}
                  </button>
                </>
              ) : null}
            </details>
          </li>
        ))}
      </ul>
      {canEdit ? (
        <section className="panel narrow" aria-labelledby="new-entity">
          <h2 id="new-entity">New {singular}</h2>
          <EntityForm
            key={formKey}
            fields={fields}
            initial={valuesOf(fields)}
            submitLabel={`Create ${singular}`}
            onSubmit={async (values) => {
              const body = bodyOf(fields, values);
              if (body.slug === '') delete body.slug;
              await api('POST', path, body);
              setFormKey((k) => k + 1);
              list.reload();
            }}
          />
        </section>
      ) : null}
    </>
  );
}
