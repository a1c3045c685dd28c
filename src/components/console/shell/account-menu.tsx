'use client';
// The signed-in account: who, which organizations, password change and sign-out.
import { useQuery } from '@tanstack/react-query';
import { signOut } from 'next-auth/react';
import { useState } from 'react';
import { useTRPC } from '@/trpc/react';
import { KeyIcon, SignOutIcon } from '../ui/icons';
import { Popover, popoverItemClasses } from '../ui/popover';
import { ChangePasswordDialog } from './change-password-dialog';

export function AccountMenu() {
  const trpc = useTRPC();
  const me = useQuery(trpc.account.me.queryOptions());
  const [signingOut, setSigningOut] = useState(false);
  const [changingPassword, setChangingPassword] = useState(false);
  const email = me.data?.email ?? '';
  const initial = (me.data?.name || email || '?').slice(0, 1).toUpperCase();

  return (
    <>
      <Popover
        align="end"
        buttonClassName="flex items-center gap-2 rounded-full py-1 pl-1 pr-2.5 text-sm text-stone-700 hover:bg-stone-100"
        button={() => (
        <>
            <span className="sr-only">Account menu</span>
            <span aria-hidden className="grid size-7 place-items-center rounded-full bg-accent-700 text-xs font-semibold text-white">
              {initial}
            </span>
            {/* From 1280 wide only: below, the breadcrumbs need the room. */}
            <span className="hidden max-w-48 truncate xl:inline" title={email}>
              {email}
            </span>
        </>
      )}
    >
      {(close) => (
        <div className="w-64">
          <div className="border-b border-stone-100 px-2.5 pb-2.5 pt-1.5">
            <p className="truncate text-sm font-medium text-stone-900">{me.data?.name || email}</p>
            {me.data?.name ? <p className="truncate text-xs text-stone-500">{email}</p> : null}
            {me.data?.organizations.map((org) => (
              <p key={org.organizationId} className="mt-1.5 truncate text-xs text-stone-500">
                {org.organizationName} · <span className="capitalize">{org.role}</span>
              </p>
            ))}
          </div>
          <button type="button" className={`${popoverItemClasses} mt-1`} onClick={() => {
              // The menu closes first, so it does not stay open behind the dialog.
              close();
              setChangingPassword(true);
            }}>
            <KeyIcon /> Change password
          </button>
          <button
            type="button"
            className={popoverItemClasses}
            disabled={signingOut}
            onClick={() => {
              setSigningOut(true);
              void signOut({ redirectTo: '/console/sign-in' });
            }}
          >
            <SignOutIcon /> {signingOut ? 'Signing out…' : 'Sign out'}
          </button>
        </div>
      )}
    </Popover>
    <ChangePasswordDialog email={email} open={changingPassword} onClose={() => setChangingPassword(false)} />
    </>
  );
}
