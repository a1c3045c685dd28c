import 'server-only';
// The text of an uploaded file (docs/api.md#s3-6). The type comes from the part's Content-Type; when that is absent
// or application/octet-stream it is inferred from the file name's extension. PDF text is prefixed `[Page n]` per
// page; JSON must be UTF-8 and valid, and is re-serialised with line breaks so long documents chunk at lines.
// PDFs and JSON are decoded in the worker-thread pool under time, page, memory and output caps (docs/limits.md).
import { InvalidInputError, ServiceBusyError, TooLargeError, UnsupportedMediaError } from '../errors';
import { decodeInPool, type DecodeLimits, type DecodeOutcome } from './decode-upload-pool';
import { decodeText } from './decode-text';

export type UploadedFile = { name: string; contentType: string; bytes: Uint8Array };

type FileKind = 'pdf' | 'text' | 'json';

const EXTENSION_KINDS: Readonly<Record<string, FileKind>> = {
  pdf: 'pdf',
  json: 'json',
  txt: 'text',
  text: 'text',
  md: 'text',
  markdown: 'text',
  csv: 'text',
  tsv: 'text',
  log: 'text',
  html: 'text',
  htm: 'text',
  xml: 'text',
  yaml: 'text',
  yml: 'text',
  rst: 'text',
};

export type ExtractLimits = DecodeLimits & {
  /** Text beyond this many characters is not extracted further: the upload is refused (413). */
  maxChars: number;
};

export async function extractUploadText(file: UploadedFile, limits: ExtractLimits): Promise<string> {
  const { mediaType, charset } = parseContentType(file.contentType);
  const kind = fileKind(mediaType, file.name);
  if (!kind) {
    throw new UnsupportedMediaError(
      `Unsupported file type ${mediaType || 'unknown'}; upload a PDF, a text/* file or application/json`,
    );
  }
  if (kind === 'text') return decodeText(file.bytes, charset);
  const { maxChars, ...poolLimits } = limits;
  return textOf(await decodeInPool({ kind, bytes: file.bytes, maxChars }, poolLimits), limits);
}

function parseContentType(value: string): { mediaType: string; charset: string | null } {
  const [type = '', ...params] = value.split(';');
  const charset = params.map((p) => /^\s*charset\s*=\s*(.+?)\s*$/i.exec(p)?.[1]).find(Boolean) ?? null;
  return { mediaType: type.trim().toLowerCase(), charset };
}

function fileKind(mediaType: string, fileName: string): FileKind | null {
  if (mediaType === '' || mediaType === 'application/octet-stream') {
    const extension = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase();
    return extension ? (EXTENSION_KINDS[extension] ?? null) : null;
  }
  if (mediaType === 'application/pdf') return 'pdf';
  if (mediaType === 'application/json') return 'json';
  if (mediaType.startsWith('text/')) return 'text';
  return null;
}

const BAD_PDF: Readonly<Record<string, string>> = {
  invalid: 'The file is not a valid PDF',
  malformed: 'The PDF is malformed',
  password: 'The PDF is password-protected',
};

const BAD_JSON: Readonly<Record<string, string>> = {
  encoding: 'JSON files must be UTF-8',
  syntax: 'The file is not valid JSON',
  nesting: 'The JSON file nests too deeply to read',
};

/** The decoded text, or the 413/422 that tells the user why there is none. */
function textOf(decoded: DecodeOutcome, limits: ExtractLimits): string {
  switch (decoded.outcome) {
    case 'text':
      return decoded.text;
    case 'too_many_pages':
      throw new TooLargeError(`The PDF has ${decoded.pages} pages; at most ${decoded.maxPages} pages can be uploaded`);
    case 'too_much_text':
      throw new TooLargeError(`The file's text exceeds ${limits.maxChars} characters`);
    case 'bad_pdf':
      throw InvalidInputError.at('body.file', BAD_PDF[decoded.reason] ?? 'The PDF cannot be read');
    case 'bad_json':
      throw InvalidInputError.at('body.file', BAD_JSON[decoded.reason] ?? 'The file is not valid JSON');
    case 'timeout':
      throw InvalidInputError.at('body.file', 'Reading the file took too long; it may be damaged or built to be expensive to read');
    case 'out_of_memory':
      throw InvalidInputError.at('body.file', 'Reading the file needed too much memory; it may be damaged or a decompression bomb');
    case 'busy':
      throw new ServiceBusyError('Too many uploads are being read right now; retry the upload shortly.', decoded.retryAfterSeconds);
  }
}
