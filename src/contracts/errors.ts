// Error bodies of the wire contract (docs/api.md#s1-8, docs/honcho-differences.md#validation-errors): every non-2xx answer is JSON with a string `detail`.
import { z } from 'zod';

export const validationIssueSchema = z
  .object({
    path: z.string().meta({ description: 'Where the problem is, e.g. `body.messages[0].peer_id` or `query.size`.' }),
    message: z.string(),
  })
  .meta({ id: 'ValidationIssue' });

export const errorBodySchema = z
  .looseObject({
    detail: z.string().meta({ description: 'Human-readable message; always a string, never a list.' }),
  })
  .meta({ id: 'Error', description: 'Body of every non-2xx response.', example: { detail: 'Not Found' } });

export const validationErrorBodySchema = z
  .looseObject({
    detail: z.string().meta({ description: 'The first problem, plus "and N more" when there are several.' }),
    errors: z.array(validationIssueSchema),
  })
  .meta({
    id: 'ValidationError',
    description: 'Body of a 422 response.',
    example: {
      detail: 'messages[0].peer_id: Field required',
      errors: [{ path: 'body.messages[0].peer_id', message: 'Field required' }],
    },
  });

export type ErrorBody = z.infer<typeof errorBodySchema>;
export type ValidationErrorBody = z.infer<typeof validationErrorBodySchema>;

/** Standard `detail` texts that several layers produce. */
export const ERROR_DETAILS = {
  notFound: 'Not Found',
  methodNotAllowed: 'Method Not Allowed',
  malformedJson: 'Malformed JSON body',
  malformedPath: 'Malformed percent-encoding in the URL path',
  internal: 'Internal server error',
} as const;
