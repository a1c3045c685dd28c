'use client';
// One 30-day bar chart of the overview. Colours are theme variables, so charts follow light and dark mode. The
// chart is a picture for sighted readers; screen readers get the same numbers as a sentence (total, busiest day).
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export type ChartSeries = { key: string; label: string; color: string };
type Row = Record<string, number | string> & { day: string };

const shortDay = (day: string) => new Date(`${day}T00:00:00Z`).toLocaleDateString('en', { month: 'short', day: 'numeric', timeZone: 'UTC' });

type ChartProps = {
  title: string;
  id: string;
  rows: Row[];
  series: ChartSeries[];
  /** The window under the title; the overview's 30 days unless said. */
  caption?: string;
  /** How totals and the axis show a value (the usage page's dollars); whole numbers by default. */
  format?: (value: number) => string;
};

export function ActivityChart({ title, id, rows, series, caption = 'last 30 days (UTC)', format = String }: ChartProps) {
  const totals = series.map((s) => ({ ...s, total: rows.reduce((sum, r) => sum + Number(r[s.key] ?? 0), 0) }));
  const summary = totals.map((t) => `${format(t.total)} ${t.label.toLowerCase()}`).join(', ');
  return (
    <figure aria-labelledby={id} className="rounded-xl border border-stone-200 bg-white p-5 shadow-xs">
      <figcaption id={id}>
        <span className="block text-sm font-semibold text-stone-900">{title}</span>
        <span className="block text-xs text-stone-500">{caption}</span>
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
          <BarChart data={rows} margin={{ top: 4, right: 16, bottom: 0, left: -24 }} accessibilityLayer={false}>
            <CartesianGrid vertical={false} stroke="var(--color-stone-100)" />
            <XAxis dataKey="day" tickFormatter={shortDay} interval={rows.length > 14 ? Math.round((rows.length / 30) * 7) - 1 : 0} tickLine={false} axisLine={false} tick={{ fill: 'var(--color-stone-500)' }} />
            <YAxis allowDecimals={format !== String} tickFormatter={(v: number) => format(v)} tickLine={false} axisLine={false} tick={{ fill: 'var(--color-stone-500)' }} width={format === String ? 48 : 76} />
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
