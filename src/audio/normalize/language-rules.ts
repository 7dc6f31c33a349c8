// The contract between normalize.ts and each language's rules (en/, uk/). The languages import
// only this file, so normalize.ts can pick one without a cycle.

export interface NormalizeOptions {
  language?: string /* BCP 47, default 'en' */;
  /** Acronyms said as words ("NATO"), added to the language's built-in list. */
  acronymsReadAsWords?: readonly string[];
}

/** What one language contributes to narration text: its spoken form and its sentence ends. */
export interface LanguageRules {
  /** The spoken form of one paragraph, in the canonical form described in normalize.ts. */
  normalize(text: string, options: NormalizeOptions): string;
  /** The paragraph cut into sentences, each trimmed, none empty. */
  splitSentences(text: string): string[];
}
