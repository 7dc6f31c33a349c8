/** "Headline" or the first words of the text: how a key event or an update is named. */
export function updateTitle(update: { headline: string; plain_text: string }): string {
  if (update.headline.trim()) return update.headline.trim();
  const text = update.plain_text.replace(/\s+/g, ' ').trim();
  return text.length <= 90 ? text : `${text.slice(0, 89).trimEnd()}…`;
}
