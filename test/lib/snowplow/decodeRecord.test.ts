import { describe, expect, it } from 'vitest';
import { decodeRecord, detectEncoding, parseToSdkJson } from '../../../lib/snowplow';
import { enrichedLine } from '../../helpers/events';
import { gzip, zstd } from '../../helpers/compress';

const lines = [0, 1, 2, 3].map((i) => enrichedLine({ event_id: `00000000-0000-4000-8000-00000000000${i}` }));
const text = `${lines.join('\n')}\n`;

describe('decodeRecord', () => {
  it('reads one plain event', () => {
    expect(decodeRecord(Buffer.from(lines[0]!))).toEqual({ ok: true, encoding: 'plain', lines: [lines[0]] });
  });

  it('reads newline-separated events, ignoring blank lines and CRLF endings', () => {
    const decoded = decodeRecord(Buffer.from(`${lines[0]}\r\n\n${lines[1]}\n`));
    expect(decoded).toEqual({ ok: true, encoding: 'plain', lines: [lines[0], lines[1]] });
  });

  it.each([
    ['gzip', gzip],
    ['zstd', zstd],
  ] as const)('reads a %s-compressed batch of events', (encoding, compress) => {
    const data = compress(text);
    expect(detectEncoding(data)).toBe(encoding);
    const decoded = decodeRecord(data);
    expect(decoded).toEqual({ ok: true, encoding, lines });
    if (!decoded.ok) return;
    expect(decoded.lines.map((l) => parseToSdkJson(l).ok)).toEqual([true, true, true, true]);
  });

  it('says why a corrupt gzip record cannot be read', () => {
    const data = gzip(text).slice(0, 40);
    const decoded = decodeRecord(data);
    expect(decoded.ok).toBe(false);
    if (decoded.ok) return;
    expect(decoded.error.name).toBe('RecordDecodingError');
    expect(decoded.error.message).toBe('gzip record could not be decompressed: unexpected end of file');
  });

  it('says why a corrupt zstd record cannot be read', () => {
    const data = zstd(text);
    data.set([data[data.length - 10]! ^ 0xff], data.length - 10);
    data.set([data[20]! ^ 0xff], 20);
    const decoded = decodeRecord(data);
    expect(decoded.ok).toBe(false);
    if (decoded.ok) return;
    expect(decoded.error.message).toMatch(/^zstd record could not be decompressed: /);
  });

  it('refuses a record that decompresses beyond the limit', () => {
    const decoded = decodeRecord(gzip('x'.repeat(10_000)), 1000);
    expect(decoded.ok).toBe(false);
    if (decoded.ok) return;
    expect(decoded.error.message).toMatch(/^gzip record could not be decompressed: /);
    const zstdDecoded = decodeRecord(zstd('x'.repeat(10_000)), 1000);
    expect(zstdDecoded.ok).toBe(false);
    if (zstdDecoded.ok) return;
    expect(zstdDecoded.error.message).toBe('zstd record decompresses to 10000 bytes, over the limit of 1000');
  });

  it('refuses bytes that are not UTF-8', () => {
    const decoded = decodeRecord(Uint8Array.from([0x61, 0xff, 0xfe, 0x62]));
    expect(decoded.ok).toBe(false);
    if (decoded.ok) return;
    expect(decoded.error.message).toBe('plain record is not valid UTF-8');
  });
});
