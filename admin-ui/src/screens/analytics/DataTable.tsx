import type { ReactNode } from 'react';

// A table of figures: the first column names the row (a row header), the first `textColumns`
// are text and the others numbers (right-aligned). The caption is the table's accessible name; `folded` puts the table under a
// disclosure (a chart's numbers, below the chart).

export interface Row {
  key: string;
  cells: ReactNode[];
}

export function DataTable({
  caption,
  head,
  rows,
  folded,
  className,
  textColumns = 1,
}: {
  caption: string;
  head: string[];
  rows: Row[];
  folded?: string;
  className?: string;
  textColumns?: number;
}) {
  // A wide table scrolls sideways inside its frame, which keyboard users can then focus.
  const table = (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table className={className}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {head.map((h, i) => (
              <th scope="col" key={h} className={i >= textColumns ? 'number' : undefined}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              {row.cells.map((cell, i) =>
                i === 0 ? (
                  <th scope="row" key={i}>
                    {cell}
                  </th>
                ) : (
                  <td key={i} className={i >= textColumns ? 'number' : undefined}>
                    {cell}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
  if (!folded) return table;
  return (
    <details>
      <summary>{folded}</summary>
      {table}
    </details>
  );
}
