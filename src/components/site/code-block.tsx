// A titled, scrollable code sample. Plain text on purpose: no client-side highlighter, nothing fetched from a CDN.
// A sample given as text gets a copy button in its title bar.
import type { ReactNode } from 'react';
import { CopyIdButton } from '@/components/console/ui/copy-id-button';

interface CodeBlockProps {
  title?: string;
  language?: string;
  children: ReactNode;
  tone?: 'dark' | 'light';
  className?: string;
  /** Wrap long lines instead of scrolling them, for snippets whose ends (a URL, an id) must stay in view. */
  wrap?: boolean;
}

export function CodeBlock({ title, language, children, tone = 'dark', className = '', wrap = false }: CodeBlockProps) {
  const dark = tone === 'dark';
  return (
    <figure
      className={`overflow-hidden rounded-xl border ${
        dark ? 'border-stone-800 bg-stone-900 text-stone-100' : 'border-stone-200 bg-white text-stone-800'
      } ${className}`}
    >
      {title || language ? (
        <figcaption
          className={`flex items-center justify-between border-b px-4 py-2 text-xs ${
            dark ? 'border-stone-800 text-stone-400' : 'border-stone-200 text-stone-500'
          }`}
        >
          <span className="font-medium">{title}</span>
          <span className="flex items-center gap-2">
            {language ? <span className="font-mono uppercase tracking-wide">{language}</span> : null}
            {typeof children === 'string' ? (
              <CopyIdButton
                value={children}
                label={`Copy the ${title ?? language ?? 'code'} snippet`}
                className={dark ? 'text-stone-400 hover:bg-stone-800 hover:text-stone-100' : 'text-stone-500 hover:bg-stone-100 hover:text-stone-800'}
              />
            ) : null}
          </span>
        </figcaption>
      ) : null}
      <pre className={`p-4 text-[13px] leading-relaxed ${wrap ? 'whitespace-pre-wrap [overflow-wrap:anywhere]' : 'overflow-x-auto'}`}>
        <code>{children}</code>
      </pre>
    </figure>
  );
}
