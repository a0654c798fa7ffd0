export { mailConformance, type MailConformanceOptions, type ReceivedMail } from './mail-conformance.js';
export { storageConformance, type StorageConformanceOptions } from './storage-conformance.js';
export { sampleContent, staffA, staffB, TENANT_A, TENANT_B, tenantSettings } from './fixtures.js';
