import type { NormalizeOptions } from './normalize.js';

/** What one language contributes to narration text: its spoken form and its sentence ends. */
export interface LanguageRules {
  /** The spoken form of one paragraph, in the canonical form described in normalize.ts. */
  normalize(text: string, options: NormalizeOptions): string;
  /** The paragraph cut into sentences, each trimmed, none empty. */
  splitSentences(text: string): string[];
}
