import 'server-only';

// Turns the OpenAPI document into the plain view model the /docs page renders: operations grouped by tag, with
// parameters flattened to rows and schemas pretty-printed. The page never reads the registry directly, so what
// /docs shows is exactly what /openapi.json says.
import { AUTH_SCOPE_DESCRIPTIONS, HTTP_METHODS, type AuthScope } from '@/contracts/routes';

import { AUTH_EXTENSION, type OpenApiDocument } from './build-openapi-document';

export interface ApiSchemaView {
  /** Component name when the schema is a `$ref` to `#/components/schemas/<name>`. */
  name?: string;
  json: string;
}

export interface ApiParameterView {
  name: string;
  location: string;
  required: boolean;
  type: string;
  description?: string;
}

export interface ApiBodyView {
  mediaType: string;
  required: boolean;
  schema?: ApiSchemaView;
}

export interface ApiResponseView {
  status: string;
  description: string;
  mediaType?: string;
  schema?: ApiSchemaView;
}

export interface ApiOperationView {
  anchor: string;
  method: string;
  path: string;
  summary: string;
  description?: string;
  auth: string;
  authDescription: string;
  parameters: ApiParameterView[];
  requestBody?: ApiBodyView;
  responses: ApiResponseView[];
}

export interface ApiTagView {
  name: string;
  description?: string;
  operations: ApiOperationView[];
}

export interface ApiReferenceView {
  title: string;
  version: string;
  tags: ApiTagView[];
  schemas: { name: string; json: string }[];
}

type Operation = NonNullable<NonNullable<OpenApiDocument['paths']>[string]['get']>;
type JsonObject = Record<string, unknown>;

const REF_PREFIX = '#/components/schemas/';

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function refName(schema: unknown): string | undefined {
  const ref = isObject(schema) ? schema.$ref : undefined;
  return typeof ref === 'string' && ref.startsWith(REF_PREFIX) ? ref.slice(REF_PREFIX.length) : undefined;
}

function schemaView(schema: unknown, components: JsonObject): ApiSchemaView | undefined {
  if (!isObject(schema)) return undefined;
  const name = refName(schema);
  const resolved = name && components[name] ? components[name] : schema;
  return { ...(name ? { name } : {}), json: JSON.stringify(resolved, null, 2) };
}

/** A short type label for a parameter table cell: `string`, `integer`, `"a" | "b"`, `string[]`, `Name`. */
export function typeLabel(schema: unknown): string {
  if (!isObject(schema)) return 'any';
  const name = refName(schema);
  if (name) return name;
  if (Array.isArray(schema.enum)) return schema.enum.map((value) => JSON.stringify(value)).join(' | ');
  if (schema.type === 'array') return `${typeLabel(schema.items)}[]`;
  if (Array.isArray(schema.type)) return schema.type.join(' | ');
  if (typeof schema.type === 'string') return schema.format ? `${schema.type} (${String(schema.format)})` : schema.type;
  for (const key of ['anyOf', 'oneOf'] as const) {
    const options = schema[key];
    if (Array.isArray(options)) return options.map(typeLabel).join(' | ');
  }
  return 'any';
}

function firstContent(content: unknown, components: JsonObject): { mediaType?: string; schema?: ApiSchemaView } {
  if (!isObject(content)) return {};
  const [mediaType, media] = Object.entries(content)[0] ?? [];
  if (!mediaType) return {};
  const schema = isObject(media) ? schemaView(media.schema, components) : undefined;
  return { mediaType, ...(schema ? { schema } : {}) };
}

function operationView(method: string, path: string, operation: Operation, components: JsonObject): ApiOperationView {
  const auth = String((operation as JsonObject)[AUTH_EXTENSION] ?? 'none');
  const rawParameters: unknown[] = operation.parameters ?? [];
  const parameters = rawParameters.filter(isObject).map((parameter) => ({
    name: String(parameter.name ?? ''),
    location: String(parameter.in ?? ''),
    required: parameter.required === true,
    type: typeLabel(parameter.schema),
    ...(typeof parameter.description === 'string' ? { description: parameter.description } : {}),
  }));
  const body = isObject(operation.requestBody) ? operation.requestBody : undefined;
  const bodyContent = body ? firstContent(body.content, components) : {};
  const requestBody: ApiBodyView | undefined = body
    ? { required: body.required === true, mediaType: bodyContent.mediaType ?? 'application/json', schema: bodyContent.schema }
    : undefined;
  const responses = Object.entries(operation.responses ?? {}).map(([status, response]) => ({
    status,
    description: isObject(response) && typeof response.description === 'string' ? response.description : '',
    ...firstContent(isObject(response) ? response.content : undefined, components),
  }));
  return {
    anchor: operation.operationId ?? `${method}-${path}`.replace(/[^A-Za-z0-9]+/g, '-'),
    method: method.toUpperCase(),
    path,
    summary: operation.summary ?? '',
    ...(operation.description ? { description: operation.description } : {}),
    auth,
    authDescription: AUTH_SCOPE_DESCRIPTIONS[auth as AuthScope] ?? '',
    parameters,
    ...(requestBody ? { requestBody } : {}),
    responses,
  };
}

export function toApiReference(document: OpenApiDocument): ApiReferenceView {
  const components = (document.components?.schemas ?? {}) as JsonObject;
  const byTag = new Map<string, ApiOperationView[]>((document.tags ?? []).map((tag) => [tag.name, []]));
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of HTTP_METHODS.map((m) => m.toLowerCase() as 'get')) {
      const operation = item[method];
      if (!operation) continue;
      const tag = operation.tags?.[0] ?? 'Other';
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag.get(tag)?.push(operationView(method, path, operation, components));
    }
  }
  const descriptions = new Map((document.tags ?? []).map((tag) => [tag.name, tag.description]));
  return {
    title: document.info.title,
    version: document.info.version,
    tags: [...byTag.entries()]
      .filter(([, operations]) => operations.length > 0)
      .map(([name, operations]) => ({ name, description: descriptions.get(name), operations })),
    schemas: Object.entries(components).map(([name, schema]) => ({ name, json: JSON.stringify(schema, null, 2) })),
  };
}
