// WordPress stores classic-editor posts without <p> tags: a blank line separates paragraphs and
// a single newline is a line break (its `wpautop` filter adds the markup when it renders).
// Gutenberg posts and anything that already has block markup are left as they are.

const blockTag = /<(?:p|div|h[1-6]|ul|ol|li|blockquote|figure|table|pre|hr|!-- wp:)[\s>/]/i;

/** Adds paragraph and line-break markup to classic WordPress content that has none. */
export function autoParagraph(content: string): string {
  const text = content.replace(/\r\n?/g, '\n').trim();
  if (text === '' || blockTag.test(text)) return text;
  return text
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter((block) => block !== '')
    .map((block) => `<p>${block.replace(/\n/g, '<br>\n')}</p>`)
    .join('\n');
}
