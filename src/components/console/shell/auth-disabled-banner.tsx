// Shown on every console page while the /v3 API serves data without credentials (AUTH_DISABLED).
import { WarningIcon } from '../ui/icons';

export function AuthDisabledBanner({ launchMode }: { launchMode: 'dev' | 'start' }) {
  return (
    <aside aria-label="Security warning" className="border-b border-amber-300 bg-amber-50 px-5 py-2.5 text-sm text-amber-900 md:px-8">
      <p className="flex flex-wrap items-center gap-x-2 gap-y-1">
        <WarningIcon className="size-4 text-amber-600" />
        <strong className="font-semibold">API authentication is disabled.</strong>
        <span>
          Every <code className="rounded bg-amber-100 px-1 font-mono text-[13px]">/v3</code> request is served as admin, with or without
          a key{launchMode === 'dev' ? ' (the npm run dev default)' : ''}. Set{' '}
          <code className="rounded bg-amber-100 px-1 font-mono text-[13px]">AUTH_DISABLED=false</code> before exposing this server.
        </span>
      </p>
    </aside>
  );
}
