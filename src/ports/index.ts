export type { Storage, StorageOps, Page, ClientListQuery, AuditQuery, MailJobQuery } from './storage.js';
export type { Mail, MailMessage, MailReceipt } from './mail.js';
export type { ContentSource, ProjectResourceRef } from './content.js';
