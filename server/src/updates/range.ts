/**
 * HTTP range requests (RFC 9110 §14) for release files: electron-updater resumes and, for
 * differential updates, asks for parts of an installer. One range is answered 206; a range past
 * the end is 416, its Content-Range naming the size. A header this server does not serve
 * (several ranges, another unit, a malformed one) is ignored, as the RFC allows: the whole file, 200.
 */
export type RangeAnswer = { start: number; end: number } | 'unsatisfiable' | null;

export function parseRange(header: string | undefined, size: number): RangeAnswer {
  const match = header === undefined ? null : /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return null;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return null;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (last !== '' && Number(last) < start) return null; // not a valid range-spec: ignored
  if (start >= size) return 'unsatisfiable';
  return { start, end: last === '' ? size - 1 : Math.min(Number(last), size - 1) };
}
