import { gunzipSync } from 'node:zlib';
import { decompress as zstdDecompress } from 'fzstd';
import { RecordDecodingError } from './errors';

/** How a Kinesis record's bytes were packed. */
export const RECORD_ENCODINGS = ['plain', 'gzip', 'zstd'] as const;
/** One of {@link RECORD_ENCODINGS}. */
export type RecordEncoding = (typeof RECORD_ENCODINGS)[number];

/** The largest a record may grow to once decompressed: a guard against decompression bombs. @default 64 MiB */
export const MAX_DECODED_BYTES = 64 * 1024 * 1024;

/** The lines of one Kinesis record, or why its bytes could not be read. */
export type DecodedRecord =
  | { readonly ok: true; readonly encoding: RecordEncoding; readonly lines: readonly string[] }
  | { readonly ok: false; readonly error: RecordDecodingError };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Which encoding the first bytes announce: gzip's 1f 8b, zstd's 28 b5 2f fd, else plain text. */
export function detectEncoding(data: Uint8Array): RecordEncoding {
  if (data.length >= 2 && data[0] === 0x1f && data[1] === 0x8b) return 'gzip';
  if (data.length >= 4 && data[0] === 0x28 && data[1] === 0xb5 && data[2] === 0x2f && data[3] === 0xfd) return 'zstd';
  return 'plain';
}

/**
 * Reads a Kinesis record's data as enriched TSV lines: one event, several newline-separated
 * events, or a batch compressed by Enrich with gzip or zstd. Blank lines (such as a trailing
 * newline) separate events and are not events. Never throws.
 */
export function decodeRecord(data: Uint8Array, maxDecodedBytes = MAX_DECODED_BYTES): DecodedRecord {
  const encoding = detectEncoding(data);
  let bytes: Uint8Array;
  try {
    bytes =
      encoding === 'gzip'
        ? gunzipSync(data, { maxOutputLength: maxDecodedBytes })
        : encoding === 'zstd'
          ? zstdDecompress(data)
          : data;
  } catch (cause) {
    return { ok: false, error: new RecordDecodingError(`${encoding} record could not be decompressed: ${(cause as Error).message}`, { cause }) };
  }
  if (bytes.length > maxDecodedBytes) {
    return { ok: false, error: new RecordDecodingError(`${encoding} record decompresses to ${bytes.length} bytes, over the limit of ${maxDecodedBytes}`) };
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch (cause) {
    return { ok: false, error: new RecordDecodingError(`${encoding} record is not valid UTF-8`, { cause }) };
  }
  const lines = text.split('\n').map(stripCarriageReturn).filter((l) => l !== '');
  return { ok: true, encoding, lines };
}

function stripCarriageReturn(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
