import { useId } from 'react';

// One small SVG bar chart for the admin's figures (plays per day, revenue per month …). The
// chart is one image with a title and a description (total and peak); the numbers themselves
// belong in a table beside it, which is what screen readers should read.

export interface Bar {
  /** Unique key, e.g. the day or month. */
  key: string;
  /** The short label under the bar (not every bar gets one when there are many). */
  label: string;
  value: number;
}

const width = 720;
const height = 220;
const margin = { top: 12, right: 12, bottom: 28 };

/** A bar chart with y ticks at 0, half and the maximum, formatted with `format`. */
export function BarChart({
  title,
  description,
  bars,
  format = String,
  caption,
  color = '#1a56db',
}: {
  title: string;
  /** What the chart shows, in a sentence (the summary a screen reader hears). */
  description: string;
  bars: Bar[];
  format?: (value: number) => string;
  caption?: string;
  color?: string;
}) {
  const id = useId();
  const max = Math.max(1, ...bars.map((b) => b.value));
  const ticks = [0, Math.round(max / 2), max].filter((t, i, all) => all.indexOf(t) === i);
  // Room for the longest tick label at about 7 px a character.
  const left = Math.max(40, 12 + 7 * Math.max(...ticks.map((t) => format(t).length)));
  const plotW = width - left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const slot = plotW / Math.max(1, bars.length);
  const barW = Math.max(1, slot * 0.75);
  const labelEvery = Math.ceil(bars.length / 8);

  return (
    <figure className="bar-chart">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width={width}
        height={height}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {ticks.map((tick) => {
          const y = margin.top + plotH - (tick / max) * plotH;
          return (
            <g key={tick}>
              <line x1={left} x2={width - margin.right} y1={y} y2={y} stroke="#c9cbd1" />
              <text x={left - 6} y={y + 4} textAnchor="end" fontSize="12" fill="#55575e">
                {format(tick)}
              </text>
            </g>
          );
        })}
        {bars.map((bar, i) => {
          const h = (Math.max(0, bar.value) / max) * plotH;
          const x = left + i * slot + (slot - barW) / 2;
          return (
            <g key={bar.key}>
              <rect x={x} y={margin.top + plotH - h} width={barW} height={h} fill={color} />
              {i % labelEvery === 0 ? (
                <text
                  x={x + barW / 2}
                  y={height - 8}
                  textAnchor="middle"
                  fontSize="12"
                  fill="#55575e"
                >
                  {bar.label}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      {caption ? <figcaption className="hint">{caption}</figcaption> : null}
    </figure>
  );
}
