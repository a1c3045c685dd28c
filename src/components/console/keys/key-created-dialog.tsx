'use client';
// The one and only view of a new key's plaintext: copy it now; closing the dialog forgets it, so only the explicit
// "I have stored the key" closes it (not Escape or a stray click on the backdrop).
import { useId } from 'react';
import { CodeBlock } from '@/components/site/code-block';
import { Button } from '../ui/button';
import { CopyButton } from '../ui/copy-button';
import { Dialog, DialogActions } from '../ui/dialog';
import { WarningIcon } from '../ui/icons';
import type { CreatedKey } from './create-key-dialog';
import { KeyScope } from './key-scope';

export function KeyCreatedDialog({ created, app, baseUrl, onClose }: { created: CreatedKey | null; app: string; baseUrl: string; onClose: () => void }) {
  const inputId = useId();
  return (
    <Dialog open={created !== null} onClose={onClose} requireAction size="lg" title="Copy your new API key" description={created ? <>Key “{created.apiKey.name}” was created.</> : null}>
      {created ? (
        <div className="space-y-5">
          <div role="note" className="flex gap-2.5 rounded-lg border border-amber-300 bg-amber-50 px-3.5 py-3 text-sm text-amber-900">
            <WarningIcon className="mt-0.5 size-4 text-amber-600" />
            <p>
              <strong className="font-semibold">This is the only time the key is shown.</strong> Rapport keeps only a hash of it. Store it in your
              secrets manager now; if you lose it, revoke it and create a new one.
            </p>
          </div>
          <div>
            <label htmlFor={inputId} className="text-sm font-medium text-stone-800">
              API key
            </label>
            <div className="mt-1.5 flex gap-2">
              <input
                id={inputId}
                readOnly
                value={created.key}
                onFocus={(e) => e.currentTarget.select()}
                spellCheck={false}
                data-testid="new-api-key"
                className="block w-full min-w-0 rounded-lg border border-stone-300 bg-stone-50 px-3 py-2 font-mono text-sm text-stone-900"
              />
              <CopyButton text={created.key} fallbackInputId={inputId} variant="primary" />
            </div>
            <p className="mt-2 flex flex-wrap items-center gap-2 text-xs text-stone-500">
              Access: <KeyScope apiKey={created.apiKey} />
            </p>
          </div>
          <div className="console-fixed-palette">
          <CodeBlock title="Use it with @honcho-ai/sdk" language="ts" wrap>
            {`import { Honcho } from '@honcho-ai/sdk';

const honcho = new Honcho({
  baseURL: '${baseUrl}',
  apiKey: process.env.RAPPORT_API_KEY, // the key above
  workspaceId: '${app}',
});`}
          </CodeBlock>
          </div>
          <DialogActions>
            <Button onClick={onClose}>I have stored the key</Button>
          </DialogActions>
        </div>
      ) : null}
    </Dialog>
  );
}
