import type { ReceivedMail } from 'sitegate/testing';

/** Just enough MIME to read what nodemailer writes: headers, multipart/alternative, QP and base64. */
export interface ParsedMime {
  /** Lower-case names, first value, unfolded and RFC 2047-decoded. */
  headers: Record<string, string>;
  /** Raw header lines as they were on the wire (unfolded), for "is this a header?" checks. */
  headerLines: string[];
  text: string;
  html: string;
}

function decodeWords(value: string): string {
  const joined = value.replace(/(=\?[^?]+\?[bBqQ]\?[^?]*\?=)\s+(?==\?)/g, '$1');
  return joined.replace(/=\?([^?]+)\?([bBqQ])\?([^?]*)\?=/g, (_, _charset: string, enc: string, data: string) => {
    const bytes =
      enc.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64')
        : Buffer.from(data.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1');
    return bytes.toString('utf8');
  });
}

function decodeBody(body: string, encoding: string | undefined): string {
  switch ((encoding ?? '7bit').toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    case 'quoted-printable': {
      const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
      return Buffer.from(bytes, 'latin1').toString('utf8');
    }
    default:
      return body;
  }
}

function splitHead(raw: string): { lines: string[]; body: string } {
  const at = raw.indexOf('\r\n\r\n');
  const head = at < 0 ? raw : raw.slice(0, at);
  const body = at < 0 ? '' : raw.slice(at + 4);
  const lines: string[] = [];
  for (const line of head.split('\r\n')) {
    if (/^[ \t]/.test(line) && lines.length) lines[lines.length - 1] += ' ' + line.trim();
    else lines.push(line);
  }
  return { lines, body };
}

function headerMap(lines: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    headers[name] ??= decodeWords(line.slice(colon + 1).trim());
  }
  return headers;
}

export function parseMime(raw: string): ParsedMime {
  const { lines, body } = splitHead(raw);
  const headers = headerMap(lines);
  const out: ParsedMime = { headers, headerLines: lines, text: '', html: '' };
  const walk = (partHeaders: Record<string, string>, partBody: string) => {
    const type = partHeaders['content-type'] ?? 'text/plain';
    const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
    if (/^multipart\//i.test(type) && boundary) {
      const pieces = partBody.split(`--${boundary}`).slice(1);
      for (const piece of pieces) {
        if (piece.startsWith('--')) break;
        const part = splitHead(piece.replace(/^\r\n/, ''));
        walk(headerMap(part.lines), part.body.replace(/\r\n$/, ''));
      }
      return;
    }
    const decoded = decodeBody(partBody, partHeaders['content-transfer-encoding']);
    if (/^text\/html/i.test(type)) out.html = decoded;
    else if (/^text\/plain/i.test(type)) out.text = decoded;
  };
  walk(headers, body);
  return out;
}

/** A raw message plus its envelope recipient, as the conformance suite wants it. */
export function toReceivedMail(raw: string, envelopeTo: string): ReceivedMail {
  const parsed = parseMime(raw);
  return {
    to: envelopeTo,
    subject: parsed.headers.subject ?? '',
    text: parsed.text,
    html: parsed.html,
    headers: parsed.headers,
    ...(parsed.headers['message-id'] ? { messageId: parsed.headers['message-id'] } : {}),
  };
}
