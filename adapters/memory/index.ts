export { memoryStorage } from './storage.js';
export { memoryMail, consoleMail, type MemoryMail } from './mail.js';
export { memoryContent, ContentFixture, type MemoryContent } from './content.js';
