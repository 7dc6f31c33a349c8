import { z } from 'zod';

// Who may read an article's whole body (ADR 0026). The level is stored on the article as what
// readers are checked against; `default` in input means "what its tags say". An entitlement
// is what a reader holds: never a person, only a class (a free member, or paying with these
// tiers), so variants of a page are cached per class and shared by everyone in it.

export const accessLevels = ['public', 'members', 'paid', 'tiers'] as const;
export type AccessLevel = (typeof accessLevels)[number];

/** An article's (or tag's) rule: a level, and the tiers that open a `tiers` article. */
export interface AccessRule {
  level: AccessLevel;
  tiers: string[];
}

/** What a reader holds: `none` (anonymous, or a forged/expired cookie), a free member, paying. */
export interface Entitlement {
  kind: 'none' | 'member' | 'paid' | 'staff';
  /** Tier ids of the reader's active memberships (paid only). */
  tiers: string[];
}

export const anonymous: Entitlement = { kind: 'none', tiers: [] };
export const staffEntitlement: Entitlement = { kind: 'staff', tiers: [] };

const tierId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be a tier id');

/** The access fields an article accepts from the editor or the API. */
export const articleAccessInput = {
  access_level: z.enum(['default', ...accessLevels]).optional(),
  access_tiers: z.array(tierId).max(6, 'at most 6 tiers').optional(),
  preview_paragraphs: z.number().int().min(0).max(50).nullable().optional(),
};

/** A rule read from stored columns; anything unreadable is the strictest sensible rule. */
export function readAccessRule(row: {
  access_level: string | null;
  access_tiers: string;
}): AccessRule {
  const level = (accessLevels as readonly string[]).includes(row.access_level ?? '')
    ? (row.access_level as AccessLevel)
    : 'public';
  let tiers: string[] = [];
  try {
    const parsed = JSON.parse(row.access_tiers) as unknown;
    if (Array.isArray(parsed)) tiers = parsed.filter((t): t is string => typeof t === 'string');
  } catch {
    tiers = [];
  }
  // A tiers article with no tier listed opens to nobody but staff: safer than opening to all.
  return { level, tiers: level === 'tiers' ? tiers : [] };
}

/** The rule an article following its tags gets: the first tag (by position) that sets one. */
export function ruleFromTags(
  tags: { access_level: string | null; access_tiers: string }[],
): AccessRule {
  const first = tags.find((tag) => tag.access_level !== null && tag.access_level !== '');
  return first ? readAccessRule(first) : { level: 'public', tiers: [] };
}

/** True when the reader may read the whole body. */
export function grantsAccess(entitlement: Entitlement, rule: AccessRule): boolean {
  switch (rule.level) {
    case 'public':
      return true;
    case 'members':
      return entitlement.kind !== 'none';
    case 'paid':
      return entitlement.kind === 'paid' || entitlement.kind === 'staff';
    case 'tiers':
      return (
        entitlement.kind === 'staff' ||
        (entitlement.kind === 'paid' && entitlement.tiers.some((t) => rule.tiers.includes(t)))
      );
    default: {
      const unreachable: never = rule.level;
      return unreachable;
    }
  }
}

/** True when anything is withheld from anonymous readers. */
export function isGated(rule: AccessRule): boolean {
  return rule.level !== 'public';
}

/**
 * The name of the variant a reader gets for a gated article: `full` or `preview`. Two variants
 * per article, whoever reads it: the cache holds at most two copies, and none names a person.
 */
export function variantFor(entitlement: Entitlement, rule: AccessRule): 'full' | 'preview' {
  return grantsAccess(entitlement, rule) ? 'full' : 'preview';
}

/** A compact, stable description of a rule (stored with a cached page as its gate). */
export function encodeRule(rule: AccessRule): string {
  return rule.level === 'tiers' ? `tiers:${[...rule.tiers].sort().join(',')}` : rule.level;
}

const decodedRules = new Map<string, AccessRule>();

/** The inverse of `encodeRule` (remembered: the cache's fast path decodes the same few gates). */
export function decodeRule(gate: string): AccessRule {
  const known = decodedRules.get(gate);
  if (known) return known;
  const rule = parseRule(gate);
  if (decodedRules.size < 1000) decodedRules.set(gate, rule);
  return rule;
}

function parseRule(gate: string): AccessRule {
  if (gate.startsWith('tiers:'))
    return { level: 'tiers', tiers: gate.slice(6).split(',').filter(Boolean) };
  return readAccessRule({ access_level: gate, access_tiers: '[]' });
}
