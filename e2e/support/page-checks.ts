// The one per-page check of the console specs: at 1440 and at 1024 wide (a laptop and the narrowest desktop layout,
// see docs/console-memory-tools.md#1024-pixels-wide), nothing of the page's content is clipped, axe finds no serious
// or critical violation, and a full-page screenshot is taken in the light and in the dark theme (the console follows
// prefers-color-scheme until the user picks a theme): e2e/screenshots/console-<page>-<width>-<theme>.png.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';

export const CHECK_WIDTHS = [1440, 1024] as const;
const THEMES = ['light', 'dark'] as const;

export const screenshotPath = (name: string) => fileURLToPath(new URL(`../screenshots/console-${name}.png`, import.meta.url));

/** Axe on the whole page (shell, dialogs and content): serious and critical violations fail. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const blocking = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${label}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
  expect.soft(blocking, blocking.join('\n')).toEqual([]);
}

/**
 * Elements of the page (the console's top bar and `#console-main`, or the `main` of the sign-in pages, and any open
 * dialog) whose content is cut off horizontally: a box that hides overflow and is narrower than what it holds, or a
 * box reaching past the viewport's right edge. Deliberate truncation is allowed when the full text stays available: an ellipsis
 * (`truncate`) or a line clamp on an element that, or whose link or button, carries a title or an accessible name. Boxes
 * inside a horizontal scroller are the scroller's business, as is the screen-reader-only text that is clipped on
 * purpose; form fields scroll their own value. A table whose frame has to scroll counts as clipped: its last columns
 * are out of view.
 */
export async function clippedElements(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const roots = [...document.querySelectorAll('#console-root header, #console-main, dialog[open]')];
    if (roots.length === 0) roots.push(...document.querySelectorAll('main'));
    const viewportRight = document.documentElement.clientWidth;
    const found: string[] = [];
    const describe = (el: Element, why: string) => {
      const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 60);
      const classes = typeof el.className === 'string' ? el.className.split(/\s+/).slice(0, 4).join('.') : '';
      return `<${el.tagName.toLowerCase()}${classes ? `.${classes}` : ''}> "${text}": ${why}`;
    };
    const hidesOnPurpose = (el: Element) => {
      const style = getComputedStyle(el);
      // sr-only: a 1px box clipped to nothing.
      return style.clip === 'rect(0px, 0px, 0px, 0px)' || style.clipPath.startsWith('inset(50%') || el.getBoundingClientRect().width <= 1;
    };
    const namedWhole = (el: Element) =>
      Boolean(el.closest('[title]') || el.closest('a[aria-label], button[aria-label], [role="link"][aria-label], [role="button"][aria-label]'));
    const inScroller = (el: Element) => {
      for (let up = el.parentElement; up; up = up.parentElement) {
        const overflowX = getComputedStyle(up).overflowX;
        if (overflowX === 'auto' || overflowX === 'scroll') return true;
      }
      return false;
    };
    for (const root of roots) {
      for (const el of root.querySelectorAll('*')) {
        if (!(el instanceof HTMLElement) || el.closest('svg') || el.matches('input, textarea, select')) continue;
        const rect = el.getBoundingClientRect();
        if (rect.width === 0 || rect.height === 0 || hidesOnPurpose(el)) continue;
        const style = getComputedStyle(el);
        if (style.visibility === 'hidden') continue;
        const clipsX = style.overflowX === 'hidden' || style.overflowX === 'clip';
        if (clipsX && el.scrollWidth > el.clientWidth + 1) {
          const deliberate = style.textOverflow === 'ellipsis' || style.webkitLineClamp !== 'none';
          if (!(deliberate && namedWhole(el))) {
            found.push(describe(el, `content ${el.scrollWidth}px wide in a ${el.clientWidth}px box${deliberate ? ' (truncated without a title)' : ''}`));
          }
        }
        // A table that only fits by scrolling hides columns at this width (a code block may scroll: it is code).
        const scrollsX = style.overflowX === 'auto' || style.overflowX === 'scroll';
        if (scrollsX && el.querySelector(':scope > table') && el.scrollWidth > el.clientWidth + 1) {
          found.push(describe(el, `table ${el.scrollWidth}px wide scrolls in a ${el.clientWidth}px frame`));
        }
        if (rect.right > viewportRight + 1 && style.position !== 'fixed' && !inScroller(el)) {
          found.push(describe(el, `right edge at ${Math.round(rect.right)}px, past the viewport's ${viewportRight}px`));
        }
      }
    }
    return found;
  });
}

async function settle(page: Page): Promise<void> {
  // Two frames: the resize's layout and anything a ResizeObserver (charts) draws in response.
  await page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))));
}

/**
 * The per-page check at 1440 and 1024 wide: nothing clipped, then per theme a full-page screenshot and axe. The page
 * ends at the viewport it started with, in the light theme. Clipping and axe findings are soft failures: the spec
 * goes on, so one run lists every problem of every page it visits, and the test still fails.
 */
export async function checkPage(page: Page, name: string): Promise<void> {
  const before = page.viewportSize() ?? { width: 1280, height: 900 };
  for (const width of CHECK_WIDTHS) {
    await page.setViewportSize({ width, height: before.height });
    // Full-page shots of a scrolled page draw the sticky header mid-page; start from the top.
    await page.evaluate(() => window.scrollTo(0, 0));
    await settle(page);
    const clipped = await clippedElements(page);
    expect.soft(clipped, `${name} at ${width}px:\n${clipped.join('\n')}`).toEqual([]);
    for (const theme of THEMES) {
      await page.emulateMedia({ colorScheme: theme });
      const root = page.locator('#console-root');
      if (theme === 'dark') await expect(root).toHaveClass(/console-dark/);
      else await expect(root).not.toHaveClass(/console-dark/);
      await settle(page);
      await page.screenshot({ path: screenshotPath(`${name}-${width}-${theme}`), fullPage: true });
      await expectAccessible(page, `${name} at ${width}px (${theme})`);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize(before);
}
