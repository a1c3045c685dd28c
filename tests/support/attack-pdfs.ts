// PDFs built to be expensive to read (docs/limits.md), for the upload-limit tests and the real-server availability
// spec: many pages sharing one content stream, and a small file whose content stream inflates enormously.
import { deflateSync } from 'node:zlib';
import { PDFDocument, PDFName, type PDFPage, StandardFonts } from 'pdf-lib';

/** The resource name of the font the page's drawText registered (e.g. `/F1-0`). */
function fontKey(page: PDFPage): string {
  const fonts = page.node.normalizedEntries().Resources.get(PDFName.of('Font')) as unknown as { keys(): PDFName[] };
  return fonts.keys()[0]!.asString();
}

/** `pages` pages whose /Contents all point at one stream drawing `lines` lines of text. */
export async function sharedStreamPdf(pages: number, lines: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const first = doc.addPage();
  first.drawText('x', { font, size: 10 }); // registers the font in the page resources
  const resources = first.node.get(PDFName.of('Resources'));
  const key = fontKey(first);
  const ops = Array.from({ length: lines }, (_, i) => `BT ${key} 8 Tf 20 ${800 - (i % 90) * 9} Td (Line ${i} of the shared stream repeated on every page) Tj ET`).join('\n');
  const stream = doc.context.register(doc.context.flateStream(ops));
  first.node.set(PDFName.of('Contents'), stream);
  for (let i = 1; i < pages; i += 1) {
    const page = doc.addPage();
    page.node.set(PDFName.of('Contents'), stream);
    if (resources) page.node.set(PDFName.of('Resources'), resources);
  }
  return doc.save({ useObjectStreams: true });
}

/** One page whose content stream is a few hundred kilobytes deflated and hundreds of megabytes inflated. */
export async function flateBombPdf(inflatedMb: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage();
  page.drawText('x', { font, size: 10 });
  const key = fontKey(page);
  const op = `BT ${key} 8 Tf 20 400 Td (AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA) Tj ET\n`;
  const inflated = Buffer.from(op.repeat(Math.ceil((inflatedMb * 1024 * 1024) / op.length)));
  const deflated = deflateSync(inflated, { level: 9 });
  const stream = doc.context.register(doc.context.stream(deflated, { Filter: 'FlateDecode', Length: deflated.length }));
  page.node.set(PDFName.of('Contents'), stream);
  return doc.save();
}
