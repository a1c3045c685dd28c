'use client';
// Light / dark / system, remembered in this browser. "System" follows prefers-color-scheme live.
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { CONSOLE_ROOT_ID, THEME_STORAGE_KEY } from './theme-script';

export type ThemePreference = 'light' | 'dark' | 'system';
const ORDER: ThemePreference[] = ['system', 'light', 'dark'];
const LABEL: Record<ThemePreference, string> = { system: 'System theme', light: 'Light theme', dark: 'Dark theme' };

const listeners = new Set<() => void>();
function readPreference(): ThemePreference {
  try {
    const stored = localStorage.getItem(THEME_STORAGE_KEY);
    return stored === 'light' || stored === 'dark' ? stored : 'system';
  } catch {
    return 'system';
  }
}
function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function applyTheme(preference: ThemePreference) {
  const dark = preference === 'dark' || (preference === 'system' && window.matchMedia('(prefers-color-scheme: dark)').matches);
  document.getElementById(CONSOLE_ROOT_ID)?.classList.toggle('console-dark', dark);
  if (dark) document.documentElement.setAttribute('data-console-theme', 'dark');
  else document.documentElement.removeAttribute('data-console-theme');
}

/** The stored preference, applied; under "system" it follows prefers-color-scheme while the page is open. */
function useAppliedTheme(): ThemePreference {
  const preference = useSyncExternalStore(subscribe, readPreference, () => 'system' as ThemePreference);
  useEffect(() => {
    applyTheme(preference);
    if (preference !== 'system') return;
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    const onChange = () => applyTheme('system');
    media.addEventListener('change', onChange);
    return () => media.removeEventListener('change', onChange);
  }, [preference]);
  return preference;
}

/** For the pages without the toggle (sign-in, sign-up, invitation): the theme still follows the system live. */
export function FollowTheme(): null {
  useAppliedTheme();
  return null;
}

export function ThemeToggle() {
  const preference = useAppliedTheme();

  const cycle = useCallback(() => {
    const next = ORDER[(ORDER.indexOf(preference) + 1) % ORDER.length]!;
    try {
      if (next === 'system') localStorage.removeItem(THEME_STORAGE_KEY);
      else localStorage.setItem(THEME_STORAGE_KEY, next);
    } catch {
      // Private mode without storage: the choice lasts for this page only.
    }
    applyTheme(next);
    listeners.forEach((l) => l());
  }, [preference]);

  return (
    <button
      type="button"
      onClick={cycle}
      aria-label={`${LABEL[preference]}. Switch theme`}
      title={LABEL[preference]}
      className="grid size-9 place-items-center rounded-full text-stone-600 hover:bg-stone-100 hover:text-stone-900"
      suppressHydrationWarning
    >
      <ThemeIcon preference={preference} />
    </button>
  );
}

function ThemeIcon({ preference }: { preference: ThemePreference }) {
  const common = { 'aria-hidden': true, viewBox: '0 0 24 24', fill: 'none', stroke: 'currentColor', strokeWidth: 1.8, strokeLinecap: 'round' as const, strokeLinejoin: 'round' as const, className: 'size-[18px]' };
  if (preference === 'light')
    return (
      <svg {...common}>
        <circle cx="12" cy="12" r="4" />
        <path d="M12 2.5v2M12 19.5v2M4.6 4.6l1.4 1.4M18 18l1.4 1.4M2.5 12h2M19.5 12h2M4.6 19.4 6 18M18 6l1.4-1.4" />
      </svg>
    );
  if (preference === 'dark')
    return (
      <svg {...common}>
        <path d="M20 14.5A8 8 0 0 1 9.5 4a8 8 0 1 0 10.5 10.5z" />
      </svg>
    );
  return (
    <svg {...common}>
      <rect x="3" y="4.5" width="18" height="12" rx="1.5" />
      <path d="M8.5 20h7M12 16.5V20" />
    </svg>
  );
}
