import { DataTable } from './DataTable';
import { count, mediumLabel } from './format';
import type { Attribution as Figures, ConversionCounts } from './types';
import { money } from '../revenue/money';

// Where the period's donors, members and subscribers came from: by the visit that first
// brought them (first touch), by the one that brought them back to act (last touch), and by
// the prompt or form they used.

const promptNames: Record<string, string> = {
  inline: 'Inline prompt in the article',
  'after-body': 'Prompt after the article',
  banner: 'Banner',
  'support-page': 'Support page',
  wall: 'Wall of a members-only story',
};

function promptLabel(prompt: string): string {
  if (prompt.startsWith('form:')) {
    const place = prompt.slice(5);
    return place === 'article'
      ? 'Newsletter form in an article'
      : place === 'home'
        ? 'Newsletter form on the home page'
        : `Newsletter form (${place})`;
  }
  return promptNames[prompt] ?? prompt;
}

function sourceLabel(medium: string, source: string, campaign: string): string {
  if (medium === 'unrecorded') return 'Not recorded';
  return [mediumLabel(medium), source, campaign && `“${campaign}”`].filter(Boolean).join(' · ');
}

const figures = (c: ConversionCounts) => [
  count(c.donations),
  count(c.memberships),
  c.currency ? money(c.amount, c.currency) : '—',
  count(c.signups),
];

const head = ['Donations', 'Memberships', 'Amount', 'Newsletter signups'];

export function Attribution({ data, inPeriod }: { data: Figures; inPeriod: string }) {
  if (data.prompts.length === 0)
    return <p>No donation, membership or confirmed newsletter signup in this period.</p>;
  return (
    <>
      <p className="analytics-note">
        A first touch is the visit from elsewhere that first brought the reader (within 30 days), a
        last touch the one that brought them back to act. “Not recorded”: the reader had scripts off
        or asked not to be tracked.
      </p>
      <div className="analytics-columns analytics-columns--wide">
        <section aria-labelledby="analytics-first-touch">
          <h3 id="analytics-first-touch">By first touch</h3>
          <DataTable
            caption={`Supporters by first touch ${inPeriod}`}
            head={['Source', ...head]}
            rows={data.firstTouch.map((s) => ({
              key: `${s.medium}/${s.source}/${s.campaign}`,
              cells: [sourceLabel(s.medium, s.source, s.campaign), ...figures(s)],
            }))}
          />
        </section>
        <section aria-labelledby="analytics-last-touch">
          <h3 id="analytics-last-touch">By last touch</h3>
          <DataTable
            caption={`Supporters by last touch ${inPeriod}`}
            head={['Source', ...head]}
            rows={data.lastTouch.map((s) => ({
              key: `${s.medium}/${s.source}/${s.campaign}`,
              cells: [sourceLabel(s.medium, s.source, s.campaign), ...figures(s)],
            }))}
          />
        </section>
      </div>
      <h3>Prompts and forms that converted</h3>
      <DataTable
        caption={`Supporters by prompt or form ${inPeriod}`}
        head={['Prompt or form', ...head]}
        rows={data.prompts.map((p) => ({
          key: p.prompt,
          cells: [promptLabel(p.prompt), ...figures(p)],
        }))}
      />
    </>
  );
}
