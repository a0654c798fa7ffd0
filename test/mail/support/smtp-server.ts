import { afterAll, beforeAll } from 'vitest';
import net from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { ReceivedMail } from 'sitegate/testing';
import { parseMime, toReceivedMail, type ParsedMime } from './parse-mime.js';

/** What the server does with the next message: take it, refuse it with a reply, or hang up at DATA. */
export type Reply = 'accept' | 'drop' | { code: number; message: string };

export interface ReceivedRaw {
  from: string;
  to: string[];
  raw: string;
  parsed: ParsedMime;
}

export interface TestSmtpServer {
  /** `smtp://127.0.0.1:PORT` — goes through a TCP front that can drop connections. */
  url: string;
  port: number;
  /** Messages the server accepted, oldest first. */
  received: ReceivedRaw[];
  /** Replies for the next messages, used up in order; when empty, messages are accepted. */
  script: Reply[];
  /** Refuses RCPT TO for matching addresses (e.g. `550 no such user`). */
  rejectRecipient?: (address: string) => { code: number; message: string } | undefined;
  /** How many DATA transactions reached the server (accepted, refused or dropped). */
  attempts: number;
  inbox(): ReceivedMail[];
  close(): Promise<void>;
}

function replyError(reply: { code: number; message: string }): Error {
  return Object.assign(new Error(reply.message), { responseCode: reply.code });
}

/**
 * A real SMTP server on 127.0.0.1 (no TLS, auth optional) behind a small TCP front. The front
 * is how a test makes the server "drop the connection": on a scripted `drop` it cuts both
 * sockets the moment the client sends DATA, before the server took anything.
 */
export async function startTestSmtpServer(): Promise<TestSmtpServer> {
  const state: TestSmtpServer = {
    url: '',
    port: 0,
    received: [],
    script: [],
    attempts: 0,
    inbox: () => state.received.flatMap((m) => m.to.map((to) => toReceivedMail(m.raw, to))),
    close: async () => {},
  };

  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const refusal = state.rejectRecipient?.(address.address);
      callback(refusal ? replyError(refusal) : null);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        state.attempts++;
        const reply = state.script.shift() ?? 'accept';
        if (reply !== 'accept' && reply !== 'drop') return callback(replyError(reply));
        const raw = Buffer.concat(chunks).toString('utf8');
        state.received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          parsed: parseMime(raw),
        });
        callback(null, `Ok: queued as Q${state.received.length}`);
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const backendPort = (smtp.server.address() as net.AddressInfo).port;

  const sockets = new Set<net.Socket>();
  const front = net.createServer((client) => {
    const backend = net.connect(backendPort, '127.0.0.1');
    sockets.add(client).add(backend);
    const cut = () => {
      client.destroy();
      backend.destroy();
    };
    client.on('close', () => (backend.destroy(), sockets.delete(client)));
    backend.on('close', () => (client.destroy(), sockets.delete(backend)));
    client.on('error', cut);
    backend.on('error', cut);
    backend.pipe(client);
    client.on('data', (chunk: Buffer) => {
      if (/^DATA\r?\n/im.test(chunk.toString('latin1')) && state.script[0] === 'drop') {
        state.script.shift();
        state.attempts++;
        cut();
        return;
      }
      backend.write(chunk);
    });
  });
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  state.port = (front.address() as net.AddressInfo).port;
  state.url = `smtp://127.0.0.1:${state.port}`;
  state.close = async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => front.close(() => resolve()));
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  };
  return state;
}

/**
 * A server for the enclosing `describe`: started before its tests, closed after them. Read it
 * through the returned function, inside a test.
 */
export function smtpServerPerSuite(): () => TestSmtpServer {
  let server: TestSmtpServer | undefined;
  beforeAll(async () => {
    server = await startTestSmtpServer();
  });
  afterAll(async () => server?.close());
  return () => server!;
}
