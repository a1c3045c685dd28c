// The legend of auth codes used on every operation of the API reference (docs/api.md#s3 and #s4).
import { AUTH_SCOPES, AUTH_SCOPE_DESCRIPTIONS } from '@/contracts/routes';

export function AuthScopeTable() {
  return (
    <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Auth codes</caption>
        <thead className="bg-stone-50 text-xs uppercase tracking-wide text-stone-500">
          <tr>
            <th scope="col" className="w-24 px-3 py-2 font-medium">
              Code
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Who may call the route
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {AUTH_SCOPES.map((scope) => (
            <tr key={scope}>
              <td className="px-3 py-2 font-mono text-xs font-semibold text-stone-900">{scope}</td>
              <td className="px-3 py-2 text-stone-600">{AUTH_SCOPE_DESCRIPTIONS[scope]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
