import { domainToASCII } from 'node:url';

// A practical subset of RFC 5321/5322 for addresses people type into a signup form: a
// dot-atom local part (no quoted strings, comments or SMTPUTF8 local parts — few mail systems
// deliver to them and they are a favourite of abuse), and a public host name, internationalized
// domains converted to their ASCII (punycode) form, which is what SMTP carries.

export type EmailCheck = { ok: true; address: string } | { ok: false; reason: string };

const atext = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+$/;
const label = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Checks an address and returns its normalized form (trimmed, lower-cased, ASCII domain). */
export function checkEmailAddress(input: string): EmailCheck {
  const value = input.trim();
  if (value === '') return { ok: false, reason: 'Please enter your email address.' };
  if (value.length > 320) return { ok: false, reason: 'This email address is too long.' };
  // Control characters (and CR/LF header injection) are never part of an address.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  if (/[\u0000-\u001f\u007f\s]/.test(value))
    return { ok: false, reason: 'An email address cannot contain spaces or line breaks.' };
  const at = value.lastIndexOf('@');
  if (at <= 0 || at === value.length - 1)
    return { ok: false, reason: 'Please enter an email address like name@example.org.' };
  const local = value.slice(0, at);
  const domainInput = value.slice(at + 1);
  if (local.includes('@') || local.startsWith('"'))
    return { ok: false, reason: 'Please enter an email address like name@example.org.' };
  if (local.length > 64)
    return { ok: false, reason: 'The part before the @ is too long (64 characters at most).' };
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..'))
    return {
      ok: false,
      reason: 'The part before the @ cannot start or end with a dot or have two dots in a row.',
    };
  if (!local.split('.').every((atom) => atext.test(atom)))
    return { ok: false, reason: 'The part before the @ contains a character that is not allowed.' };
  if (domainInput.startsWith('['))
    return { ok: false, reason: 'Please use a domain name after the @, not an IP address.' };
  // Fullwidth/ideographic dots are label separators in IDNA; domainToASCII maps them.
  const domain = domainToASCII(domainInput.toLowerCase());
  if (domain === '')
    return { ok: false, reason: 'The domain after the @ is not a valid domain name.' };
  if (domain.length > 253) return { ok: false, reason: 'The domain after the @ is too long.' };
  const labels = domain.split('.');
  if (labels.length < 2)
    return { ok: false, reason: 'The domain after the @ needs a dot, like example.org.' };
  if (!labels.every((part) => label.test(part)))
    return { ok: false, reason: 'The domain after the @ is not a valid domain name.' };
  const tld = labels[labels.length - 1] ?? '';
  if (/^\d+$/.test(tld) || tld.length < 2)
    return { ok: false, reason: 'The domain after the @ is not a valid domain name.' };
  const address = `${local.toLowerCase()}@${domain}`;
  if (address.length > 254) return { ok: false, reason: 'This email address is too long.' };
  return { ok: true, address };
}

/** The normalized address, or undefined when it is not a usable address. */
export function normalizeEmailAddress(input: string): string | undefined {
  const checked = checkEmailAddress(input);
  return checked.ok ? checked.address : undefined;
}
