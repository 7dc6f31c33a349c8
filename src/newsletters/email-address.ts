import { domainToASCII } from 'node:url';

// A practical subset of RFC 5321/5322 for addresses people type into a signup form: a
// dot-atom local part (no quoted strings, comments or SMTPUTF8 local parts — few mail systems
// deliver to them and they are a favourite of abuse), and a public host name, internationalized
// domains converted to their ASCII (punycode) form, which is what SMTP carries.

/** Why an address was refused: the suffix of its `newsletters.email.*` catalog message. */
export type EmailProblem =
  | 'empty'
  | 'tooLong'
  | 'whitespace'
  | 'shape'
  | 'localTooLong'
  | 'localDots'
  | 'localCharacter'
  | 'ipDomain'
  | 'domainInvalid'
  | 'domainTooLong'
  | 'domainDot';

export type EmailCheck =
  { ok: true; address: string } | { ok: false; reason: string; problem: EmailProblem };

// The English sentences the admin API answers with; readers get the catalog's (site language).
const reasons: Record<EmailProblem, string> = {
  empty: 'Please enter your email address.',
  tooLong: 'This email address is too long.',
  whitespace: 'An email address cannot contain spaces or line breaks.',
  shape: 'Please enter an email address like name@example.org.',
  localTooLong: 'The part before the @ is too long (64 characters at most).',
  localDots: 'The part before the @ cannot start or end with a dot or have two dots in a row.',
  localCharacter: 'The part before the @ contains a character that is not allowed.',
  ipDomain: 'Please use a domain name after the @, not an IP address.',
  domainInvalid: 'The domain after the @ is not a valid domain name.',
  domainTooLong: 'The domain after the @ is too long.',
  domainDot: 'The domain after the @ needs a dot, like example.org.',
};

const problem = (code: EmailProblem): EmailCheck => ({
  ok: false,
  reason: reasons[code],
  problem: code,
});

const atext = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+$/;
const label = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Checks an address and returns its normalized form (trimmed, lower-cased, ASCII domain). */
export function checkEmailAddress(input: string): EmailCheck {
  const value = input.trim();
  if (value === '') return problem('empty');
  if (value.length > 320) return problem('tooLong');
  // Control characters (and CR/LF header injection) are never part of an address.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  if (/[\u0000-\u001f\u007f\s]/.test(value)) return problem('whitespace');
  const at = value.lastIndexOf('@');
  if (at <= 0 || at === value.length - 1) return problem('shape');
  const local = value.slice(0, at);
  const domainInput = value.slice(at + 1);
  if (local.includes('@') || local.startsWith('"')) return problem('shape');
  if (local.length > 64) return problem('localTooLong');
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..'))
    return problem('localDots');
  if (!local.split('.').every((atom) => atext.test(atom))) return problem('localCharacter');
  if (domainInput.startsWith('[')) return problem('ipDomain');
  // Fullwidth/ideographic dots are label separators in IDNA; domainToASCII maps them.
  const domain = domainToASCII(domainInput.toLowerCase());
  if (domain === '') return problem('domainInvalid');
  if (domain.length > 253) return problem('domainTooLong');
  const labels = domain.split('.');
  if (labels.length < 2) return problem('domainDot');
  if (!labels.every((part) => label.test(part))) return problem('domainInvalid');
  const tld = labels[labels.length - 1] ?? '';
  if (/^\d+$/.test(tld) || tld.length < 2) return problem('domainInvalid');
  const address = `${local.toLowerCase()}@${domain}`;
  if (address.length > 254) return problem('tooLong');
  return { ok: true, address };
}

/** The normalized address, or undefined when it is not a usable address. */
export function normalizeEmailAddress(input: string): string | undefined {
  const checked = checkEmailAddress(input);
  return checked.ok ? checked.address : undefined;
}
