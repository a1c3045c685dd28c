'use client';
// Dates in the reader's time zone. The server renders UTC (it cannot know the zone); the browser re-renders local
// time, and suppressHydrationWarning accepts that one difference.
import { useSyncExternalStore } from 'react';

const subscribe = () => () => {};

function useIsClient(): boolean {
  return useSyncExternalStore(subscribe, () => true, () => false);
}

export function formatDateTime(iso: string, local: boolean): string {
  return new Intl.DateTimeFormat('en', {
    dateStyle: 'medium',
    timeStyle: 'short',
    ...(local ? {} : { timeZone: 'UTC' }),
  }).format(new Date(iso));
}

export function formatRelative(iso: string, now = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const abs = Math.abs(seconds);
  const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  if (abs < 45) return seconds <= 0 ? 'just now' : 'in a moment';
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return rtf.format(Math.round(seconds / 3600), 'hour');
  if (abs < 30 * 86_400) return rtf.format(Math.round(seconds / 86_400), 'day');
  return '';
}

/** A timestamp; `relative` shows "3 hours ago" for recent times (the exact time stays in the tooltip). */
export function Timestamp({ iso, relative = false }: { iso: string; relative?: boolean }) {
  const client = useIsClient();
  const exact = formatDateTime(iso, client);
  const shown = relative && client ? formatRelative(iso) || exact : exact;
  return (
    <time dateTime={iso} title={client ? exact : `${exact} UTC`} suppressHydrationWarning>
      {shown}
    </time>
  );
}

/** A timestamp that may be missing (never used, no messages yet): the fallback words stand in, muted. */
export function TimestampOr({ iso, relative = false, fallback }: { iso: string | null; relative?: boolean; fallback: string }) {
  return iso ? <Timestamp iso={iso} relative={relative} /> : <span className="text-stone-500">{fallback}</span>;
}
