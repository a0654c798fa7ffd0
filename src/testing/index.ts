export { mailConformance, type MailConformanceOptions, type ReceivedMail } from './mail-conformance.js';
