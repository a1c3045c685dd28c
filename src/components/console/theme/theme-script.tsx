// Runs before the console paints: applies the stored theme (or the system's) to the console root, so a dark-mode
// reader never sees a light flash. The toggle (theme-toggle.tsx) keeps the same storage key and classes.
export const THEME_STORAGE_KEY = 'rapport.console.theme';
export const CONSOLE_ROOT_ID = 'console-root';

const script = `(function(){try{var p=localStorage.getItem('${THEME_STORAGE_KEY}');var d=p==='dark'||(p!=='light'&&window.matchMedia('(prefers-color-scheme: dark)').matches);var r=document.getElementById('${CONSOLE_ROOT_ID}');if(d){r&&r.classList.add('console-dark');document.documentElement.setAttribute('data-console-theme','dark');}}catch(e){}})();`;

/** `nonce`: this response's script nonce; the console's policy refuses inline scripts without it. */
export function ThemeScript({ nonce }: { nonce?: string }) {
  return <script nonce={nonce} dangerouslySetInnerHTML={{ __html: script }} />;
}
