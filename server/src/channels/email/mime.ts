/**
 * The part of RFC 5322/2045–2047 inbound e-mail needs: headers (unfolded, encoded-words decoded),
 * the text (text/plain preferred, text/html stripped as a fallback) and attachments, through nested
 * multiparts, base64 and quoted-printable, in any charset Node's TextDecoder knows (utf-8,
 * windows-1251, koi8-r…).
 */
export interface ParsedMail {
  headers: Map<string, string>;
  messageId: string | null;
  inReplyTo: string[];
  references: string[];
  from: { address: string; name: string } | null;
  subject: string;
  date: number | null;
  text: string;
  attachments: { name: string; mimeType: string; bytes: Buffer }[];
}

function decodeCharset(bytes: Buffer, charset: string | undefined): string {
  try {
    return new TextDecoder((charset ?? 'utf-8').trim().toLowerCase()).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

function decodeQuotedPrintable(text: string, underscoresAreSpaces = false): Buffer {
  const source = underscoresAreSpaces ? text.replaceAll('_', ' ') : text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(source.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(source.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(c, 'utf8'));
  }
  return Buffer.from(bytes);
}

/** RFC 2047: =?charset?B|Q?text?= (adjacent encoded words joined without the space between). */
export function decodeWords(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)\s+(?==\?)/g, '$1')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_m, charset: string, encoding: string, text: string) =>
      decodeCharset(
        encoding.toUpperCase() === 'B' ? Buffer.from(text, 'base64') : decodeQuotedPrintable(text, true),
        charset.split('*')[0],
      ),
    );
}

/** Raw 8-bit header bytes (RFC 6532) are UTF-8; anything else stays as it came. */
function utf8Headers(latin1: string): string {
  if (!/[\x80-\xff]/.test(latin1)) return latin1;
  const text = Buffer.from(latin1, 'latin1').toString('utf8');
  return text.includes('\uFFFD') ? latin1 : text;
}

function splitHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  const unfolded = utf8Headers(block).replace(/\r?\n[ \t]+/g, ' ');
  for (const line of unfolded.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return headers;
}

function params(value: string): { value: string; params: Map<string, string> } {
  const [first = '', ...rest] = value.split(';');
  const map = new Map<string, string>();
  for (const part of rest) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    let v = part.slice(eq + 1).trim();
    if (v.startsWith('"') && v.endsWith('"')) v = v.slice(1, -1);
    const key = part.slice(0, eq).trim().toLowerCase();
    // RFC 2231 (filename*=utf-8''%D0%B0…)
    if (key.endsWith('*')) {
      const [, charset = 'utf-8', encoded = ''] = /^([^']*)'[^']*'(.*)$/.exec(v) ?? [];
      const bytes = Buffer.from(
        encoded.replace(/%([0-9A-Fa-f]{2})/g, (_x, hex: string) =>
          String.fromCharCode(Number.parseInt(hex, 16)),
        ),
        'latin1',
      );
      map.set(key.slice(0, -1), decodeCharset(bytes, charset));
    } else map.set(key, decodeWords(v));
  }
  return { value: first.trim().toLowerCase(), params: map };
}

function bodyBytes(body: string, encoding: string | undefined): Buffer {
  const e = (encoding ?? '7bit').toLowerCase();
  if (e === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64');
  if (e === 'quoted-printable') return decodeQuotedPrintable(body);
  return Buffer.from(body, 'latin1');
}

interface Part {
  headers: Map<string, string>;
  body: string;
}

function splitPart(raw: string): Part {
  const match = /\r?\n\r?\n/.exec(raw);
  if (!match) return { headers: splitHeaders(raw), body: '' };
  return { headers: splitHeaders(raw.slice(0, match.index)), body: raw.slice(match.index + match[0].length) };
}

const ids = (value: string | undefined) =>
  value ? [...value.matchAll(/<([^<>\s]+)>/g)].map((m) => m[1]!) : [];

function stripHtml(html: string): string {
  return html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>|<\/p>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim();
}

/** Parses a message given as a latin1 string of its raw bytes (so 8-bit bodies survive). */
export function parseMail(raw: Buffer): ParsedMail {
  const root = splitPart(raw.toString('latin1'));
  const texts: { plain: string[]; html: string[] } = { plain: [], html: [] };
  const attachments: ParsedMail['attachments'] = [];
  const walk = (part: Part, depth: number) => {
    const type = params(part.headers.get('content-type') ?? 'text/plain');
    const disposition = params(part.headers.get('content-disposition') ?? '');
    if (type.value.startsWith('multipart/') && type.params.get('boundary') && depth < 10) {
      const boundary = `--${type.params.get('boundary')}`;
      const pieces = part.body.split(boundary).slice(1);
      for (const piece of pieces) {
        if (piece.startsWith('--')) break;
        walk(splitPart(piece.replace(/^\r?\n/, '')), depth + 1);
      }
      return;
    }
    const bytes = bodyBytes(part.body, part.headers.get('content-transfer-encoding'));
    const name = disposition.params.get('filename') ?? type.params.get('name');
    if (disposition.value === 'attachment' || (name && !type.value.startsWith('text/'))) {
      attachments.push({ name: name ?? 'attachment', mimeType: type.value, bytes });
    } else if (type.value === 'text/plain')
      texts.plain.push(decodeCharset(bytes, type.params.get('charset')));
    else if (type.value === 'text/html')
      texts.html.push(stripHtml(decodeCharset(bytes, type.params.get('charset'))));
  };
  walk(root, 0);
  const h = root.headers;
  const fromHeader = decodeWords(h.get('from') ?? '');
  const address = /<([^<>]+@[^<>]+)>/.exec(fromHeader)?.[1] ?? /[^\s<>"]+@[^\s<>"]+/.exec(fromHeader)?.[0];
  const name = fromHeader
    .replace(/<[^>]*>/, '')
    .replace(/"/g, '')
    .trim();
  const date = h.get('date') ? Date.parse(h.get('date')!) : Number.NaN;
  return {
    headers: h,
    messageId: ids(h.get('message-id'))[0] ?? null,
    inReplyTo: ids(h.get('in-reply-to')),
    references: ids(h.get('references')),
    from: address ? { address: address.toLowerCase(), name: name === address ? '' : name } : null,
    subject: decodeWords(h.get('subject') ?? ''),
    date: Number.isNaN(date) ? null : date,
    text: (texts.plain.length > 0 ? texts.plain : texts.html).join('\n').replace(/\r\n/g, '\n').trim(),
    attachments,
  };
}
