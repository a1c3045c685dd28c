import 'server-only';
// The text of an uploaded file (api-contract §3.6). The type comes from the part's Content-Type; when that is absent
// or application/octet-stream it is inferred from the file name's extension. PDF text is prefixed `[Page n]` per
// page; JSON must be UTF-8 and valid, and is re-serialised with line breaks so long documents chunk at lines.
import { PDFParse } from 'pdf-parse';
import { InvalidInputError, UnsupportedMediaError } from '../errors';
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

export async function extractUploadText(file: UploadedFile): Promise<string> {
  const { mediaType, charset } = parseContentType(file.contentType);
  const kind = fileKind(mediaType, file.name);
  if (!kind) {
    throw new UnsupportedMediaError(
      `Unsupported file type ${mediaType || 'unknown'}; upload a PDF, a text/* file or application/json`,
    );
  }
  if (kind === 'pdf') return pdfText(file.bytes);
  if (kind === 'json') return jsonText(file.bytes);
  return decodeText(file.bytes, charset);
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

/** Errors that mean "this file is not a readable PDF" (the user's 422); anything else is the server's fault. */
const BAD_PDF: Readonly<Record<string, string>> = {
  InvalidPDFException: 'The file is not a valid PDF',
  FormatError: 'The PDF is malformed',
  PasswordException: 'The PDF is password-protected',
};

async function pdfText(bytes: Uint8Array): Promise<string> {
  const parser = new PDFParse({ data: bytes });
  try {
    const { pages } = await parser.getText();
    return pages.map((page) => `[Page ${page.num}]\n${page.text}`).join('\n\n');
  } catch (error) {
    const reason = error instanceof Error ? BAD_PDF[error.name] : undefined;
    if (reason) throw InvalidInputError.at('body.file', reason);
    throw error;
  } finally {
    await parser.destroy().catch(() => {});
  }
}

function jsonText(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw InvalidInputError.at('body.file', 'JSON files must be UTF-8');
  }
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    throw InvalidInputError.at('body.file', 'The file is not valid JSON');
  }
}
