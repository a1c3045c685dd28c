'use client';
// A link can name one item of a list in its query string (`?message=<id>`, `?fact=<id>`): once that item is on the
// page, it is scrolled into view and marked (`data-url-target`, styled with a ring). Unlike a `#fragment` and the
// CSS :target, this also works after client-side navigation, which changes the URL without a browser jump.
import { useSearchParams } from 'next/navigation';
import { useEffect } from 'react';

/** The id the URL names under `param`, after scrolling its element (`${prefix}-${id}`) into view when `ready`. */
export function useUrlTarget(param: string, prefix: string, ready: boolean): string | null {
  const target = useSearchParams().get(param);
  useEffect(() => {
    if (!ready || !target) return;
    const element = document.getElementById(`${prefix}-${target}`);
    if (!element) return;
    element.scrollIntoView({ block: 'center' });
    // Focus lets a keyboard or screen-reader user continue from the item the link was about.
    element.focus({ preventScroll: true });
  }, [param, prefix, ready, target]);
  return target;
}
