'use client';
// One 30-day bar chart of the overview. Colours are theme variables, so charts follow light and dark mode. The
// chart is a picture for sighted readers; screen readers get the same numbers as a sentence (total, busiest day).
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export type ChartSeries = { key: string; label: string; color: string };
type Row = Record<string, number | string> & { day: string };

const shortDay = (day: string) => new Date(`${day}T00:00:00Z`).toLocaleDateString('en', { month: 'short', day: 'numeric', timeZone: 'UTC' });

/** Pixels per character of a 12px tabular label, and the axis's own padding: the y axis is as wide as its longest label. */
const DIGIT_PX = 7.5;
const AXIS_PAD_PX = 10;

/** Width of the y axis so its largest tick ("1,250", "$0.25") is never cut: recharts does not measure labels itself. */
export function yAxisWidth(rows: Row[], series: ChartSeries[], format: (value: number) => string = String): number {
  const max = Math.max(0, ...rows.map((r) => series.reduce((sum, s) => sum + Number(r[s.key] ?? 0), 0)));
  // Nice ticks can round the top up by one digit (95 → 100), so allow for one more than the maximum has; an empty
  // chart's axis runs from 0 to 1. Where decimals are allowed a fraction of the top ("$0.25") can be longer than the
  // top itself ("$1"), so the quarters are measured too.
  const top = max > 0 ? max * 1.25 : 1;
  const ticks = format === String ? [Math.ceil(top)] : [Math.ceil(top), top, top * 0.75, top / 2, top / 4];
  const chars = Math.max(...ticks.map((v) => format(v).length));
  return Math.ceil(chars * DIGIT_PX + AXIS_PAD_PX);
}

type ChartProps = {
  title: string;
  id: string;
  rows: Row[];
  series: ChartSeries[];
  /** Which time a count uses (e.g. "by time received"), so imported history is not misread. */
  basis?: string;
  /** The window under the title; the overview's 30 days unless said. */
  caption?: string;
  /** How totals and the axis show a value (the usage page's dollars); whole numbers by default. */
  format?: (value: number) => string;
};

export function ActivityChart({ title, id, rows, series, basis, caption, format = String }: ChartProps) {
  const totals = series.map((s) => ({ ...s, total: rows.reduce((sum, r) => sum + Number(r[s.key] ?? 0), 0) }));
  const summary = totals.map((t) => `${format(t.total)} ${t.label.toLowerCase()}`).join(', ');
  return (
    <figure aria-labelledby={id} className="rounded-xl border border-stone-200 bg-white p-5 shadow-xs">
      <figcaption id={id}>
        <span className="block text-sm font-semibold text-stone-900">{title}</span>
        <span className="block text-xs text-stone-500">{caption ?? `last 30 days (UTC)${basis ? `, ${basis}` : ''}`}</span>
      </figcaption>
      <p className="mt-1 text-2xl font-semibold tabular-nums text-stone-900">
        {totals.map((t, i) => (
          <span key={t.key}>
            {i > 0 ? <span className="text-stone-500"> / </span> : null}
            {format(t.total)}
          </span>
        ))}
        <span className="sr-only"> — {summary} in the {caption}</span>
      </p>
      <div aria-hidden className="mt-3 h-40 text-xs">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} margin={{ top: 4, right: 12, bottom: 0, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid vertical={false} stroke="var(--color-stone-100)" />
            {/* recharts drops ticks that would collide (minTickGap), keeping the first and last day: labels never run together. */}
            <XAxis dataKey="day" tickFormatter={shortDay} interval="preserveStartEnd" minTickGap={14} tickLine={false} axisLine={false} tick={{ fill: 'var(--color-stone-500)' }} />
            <YAxis allowDecimals={format !== String} tickFormatter={(v: number) => format(v)} tickLine={false} axisLine={false} tick={{ fill: 'var(--color-stone-500)' }} width={yAxisWidth(rows, series, format)} />
            <Tooltip
              cursor={{ fill: 'var(--color-stone-100)' }}
              labelFormatter={(day) => shortDay(String(day))}
              contentStyle={{ background: 'var(--color-white)', border: '1px solid var(--color-stone-200)', borderRadius: 8, color: 'var(--color-stone-800)' }}
            />
            {series.length > 1 ? <Legend iconType="circle" iconSize={8} wrapperStyle={{ color: 'var(--color-stone-600)' }} /> : null}
            {series.map((s) => (
              <Bar key={s.key} dataKey={s.key} name={s.label} stackId="day" fill={s.color} radius={series.length > 1 ? 0 : [3, 3, 0, 0]} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
