export { memoryStorage } from './storage.js';
export { memoryMail, consoleMail, type ConsoleMailOptions, type MemoryMail } from './mail.js';
export { memoryContent, ContentFixture, type MemoryContent } from './content.js';
