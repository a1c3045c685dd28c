// How the usage pages show numbers: dollars with enough digits for small sums, milliseconds, token counts.
import { formatCount } from '../ui/table';

export function formatUsd(value: number): string {
  if (value === 0) return '$0';
  const digits = value < 0.01 ? 4 : 2;
  return `$${value.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits })}`;
}

export function formatMs(value: number | null): string {
  if (value === null) return '—';
  return value < 10 ? `${value.toFixed(1)} ms` : `${formatCount(Math.round(value))} ms`;
}

export function formatTokens(value: number): string {
  if (value >= 1_000_000) return `${(value / 1_000_000).toFixed(value >= 10_000_000 ? 0 : 1)}M`;
  if (value >= 10_000) return `${Math.round(value / 1_000)}k`;
  return formatCount(value);
}

export const TASK_LABELS: Record<string, string> = {
  deriver: 'Derivation',
  summary: 'Summaries',
  dream: 'Dreams',
  dialectic: 'Dialectic (chat)',
  embedding: 'Embeddings',
};
