import { describe, expect, it } from 'vitest';
import { toMailError } from 'sitegate/adapters/smtp';

const nodemailerError = (props: Record<string, unknown>) => Object.assign(new Error(String(props.message ?? 'failed')), props);

describe('classifying SMTP failures', () => {
  it.each([
    ['4xx reply', { code: 'EMESSAGE', responseCode: 451, response: '451 4.3.0 try later' }, false],
    ['421 service closing', { code: 'EPROTOCOL', responseCode: 421, response: '421 too busy' }, false],
    ['503 bad sequence', { code: 'EPROTOCOL', responseCode: 503, response: '503 bad sequence' }, false],
    ['5xx reply', { code: 'EMESSAGE', responseCode: 554, response: '554 rejected as spam' }, true],
    ['rejected recipient', { code: 'EENVELOPE', responseCode: 550, response: '550 5.1.1 no such user', command: 'RCPT TO' }, true],
    ['greylisted recipient', { code: 'EENVELOPE', responseCode: 450, response: '450 greylisted', command: 'RCPT TO' }, false],
    ['auth failure', { code: 'EAUTH', responseCode: 535, response: '535 5.7.8 bad credentials', command: 'AUTH PLAIN' }, true],
    ['auth without reply', { code: 'EAUTH', message: 'Invalid login' }, true],
    ['missing credentials', { code: 'ENOAUTH', message: 'Missing credentials for "PLAIN"' }, true],
    ['connection refused', { code: 'ESOCKET', originalCode: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:25' }, false],
    ['connection reset', { code: 'ECONNECTION', message: 'Connection closed unexpectedly' }, false],
    ['timeout', { code: 'ETIMEDOUT', message: 'Greeting never received' }, false],
    ['DNS failure', { code: 'EDNS', message: 'getaddrinfo EAI_AGAIN smtp.example' }, false],
    ['aborted send', { name: 'AbortError', code: 'EABORT', message: 'aborted' }, false],
    ['unknown error', { message: 'something odd' }, false],
  ])('%s', (_label, fields, permanent) => {
    const props: Record<string, unknown> = fields;
    const error = toMailError(nodemailerError(props));
    expect(error).toMatchObject({ name: 'MailError', code: 'mail_failed', permanent });
    if (typeof props.responseCode === 'number') {
      expect(error.responseCode).toBe(props.responseCode);
      expect(error.message).toContain(String(props.response).slice(4));
    }
  });
});
