// Path, query and header parameters of one operation as a compact table.
import type { ApiParameterView } from '@/server/openapi/api-reference';

export function ParameterTable({ parameters }: { parameters: readonly ApiParameterView[] }) {
  if (parameters.length === 0) return null;
  return (
    <div className="overflow-x-auto rounded-lg border border-stone-200">
      <table className="w-full text-left text-sm">
        <thead className="bg-stone-50 text-xs uppercase tracking-wide text-stone-500">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">
              Name
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              In
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Type
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Description
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {parameters.map((parameter) => (
            <tr key={`${parameter.location}:${parameter.name}`} className="align-top">
              <td className="px-3 py-2 font-mono text-xs text-stone-900">
                {parameter.name}
                {parameter.required ? (
                  <span className="ml-1 text-rose-600" title="required">
                    *
                  </span>
                ) : null}
              </td>
              <td className="px-3 py-2 text-xs text-stone-500">{parameter.location}</td>
              <td className="px-3 py-2 font-mono text-xs text-stone-700">{parameter.type}</td>
              <td className="px-3 py-2 text-xs text-stone-600">{parameter.description ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
