export { smtpMail, type SmtpMail, type SmtpMailOptions, type SmtpConnection } from './smtp-mail.js';
export { toMailError } from './classify.js';
