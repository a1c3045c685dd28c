// The CPU-heavy part of reading an uploaded file, run in a worker thread of the upload decoder pool
// (decode-upload-pool.ts) so that no upload can hold the server's event loop (docs/limits.md). Plain JavaScript that
// only imports packages from node_modules: it is loaded as it is by `next dev`, `next start` and vitest alike, with
// no bundler in between. Each function returns an outcome instead of throwing for the user's mistakes, so the pool
// can tell "this file is bad" (4xx) from "the server failed" (an exception).
import { PDFParse } from 'pdf-parse';

/** pdf.js exception names that mean "this file is not a readable PDF". */
const BAD_PDF = { InvalidPDFException: 'invalid', FormatError: 'malformed', PasswordException: 'password' };

/**
 * The text of a PDF, `[Page n]` before each page. Stops early, before extracting anything, when the document has more
 * than `maxPages` pages, and as soon as the text passes `maxChars` characters.
 * @param {{ bytes: Uint8Array, maxPages: number, maxChars: number }} task
 */
export async function pdfText({ bytes, maxPages, maxChars }) {
  const parser = new PDFParse({ data: bytes });
  try {
    const { numPages } = await parser.load();
    if (numPages > maxPages) return { outcome: 'too_many_pages', pages: numPages, maxPages };
    const parts = [];
    let chars = 0;
    for (let page = 1; page <= numPages; page += 1) {
      const { pages } = await parser.getText({ first: page, last: page });
      for (const { num, text } of pages) {
        const part = `[Page ${num}]\n${text}`;
        chars += part.length + 2;
        if (chars > maxChars) return { outcome: 'too_much_text', pages: numPages };
        parts.push(part);
      }
    }
    return { outcome: 'text', text: parts.join('\n\n') };
  } catch (error) {
    const reason = error instanceof Error ? BAD_PDF[error.name] : undefined;
    if (reason) return { outcome: 'bad_pdf', reason };
    throw error;
  } finally {
    await parser.destroy().catch(() => {});
  }
}

/**
 * A JSON file re-serialised with line breaks (so long documents chunk at lines).
 * @param {{ bytes: Uint8Array, maxChars: number }} task
 */
export function jsonText({ bytes, maxChars }) {
  let text;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { outcome: 'bad_json', reason: 'encoding' };
  }
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    return { outcome: 'bad_json', reason: 'syntax' };
  }
  try {
    const pretty = JSON.stringify(value, null, 2);
    return pretty.length > maxChars ? { outcome: 'too_much_text' } : { outcome: 'text', text: pretty };
  } catch (error) {
    // Serialising recurses: nesting deep enough to overflow the stack is the file's problem, not the server's.
    if (error instanceof RangeError) return { outcome: 'bad_json', reason: 'nesting' };
    throw error;
  }
}
