// Bytes of a text/* upload to a string (docs/api.md#s3-6): a byte-order mark decides first; a declared UTF-16
// charset is honoured; BOM-less UTF-16 is recognised by its zero bytes; otherwise strict UTF-8, else Latin-1 (which
// accepts any byte sequence, so decoding never fails).

export function decodeText(bytes: Uint8Array, declaredCharset?: string | null): string {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (startsWith(bytes, [0xff, 0xfe])) return decodeUtf16(bytes.subarray(2), 'le');
  if (startsWith(bytes, [0xfe, 0xff])) return decodeUtf16(bytes.subarray(2), 'be');
  const declared = declaredCharset?.trim().toLowerCase().replace(/^"|"$/g, '');
  if (declared === 'utf-16le' || declared === 'utf-16') return decodeUtf16(bytes, 'le');
  if (declared === 'utf-16be') return decodeUtf16(bytes, 'be');
  const guessed = guessUtf16(bytes);
  if (guessed) return decodeUtf16(bytes, guessed);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  }
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

function decodeUtf16(bytes: Uint8Array, order: 'le' | 'be'): string {
  let data = bytes.length % 2 === 0 ? bytes : bytes.subarray(0, bytes.length - 1);
  if (order === 'be') {
    const swapped = new Uint8Array(data.length);
    for (let i = 0; i < data.length; i += 2) {
      swapped[i] = data[i + 1]!;
      swapped[i + 1] = data[i]!;
    }
    data = swapped;
  }
  return new TextDecoder('utf-16le').decode(data);
}

/**
 * Text in UTF-16 without a BOM has a zero in one byte of most code units (ASCII and Latin letters) and almost never
 * in the other; UTF-8 and Latin-1 text has no zero bytes at all.
 */
function guessUtf16(bytes: Uint8Array): 'le' | 'be' | null {
  const sample = Math.min(bytes.length - (bytes.length % 2), 8192);
  if (sample < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample; i += 2) {
    if (bytes[i] === 0) evenZeros += 1;
    if (bytes[i + 1] === 0) oddZeros += 1;
  }
  const units = sample / 2;
  if (oddZeros >= units * 0.4 && evenZeros <= units * 0.05) return 'le';
  if (evenZeros >= units * 0.4 && oddZeros <= units * 0.05) return 'be';
  return null;
}
