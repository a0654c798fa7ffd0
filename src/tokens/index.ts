export { mintToken, parseToken, hashToken, type ParsedToken } from './secret-token.js';
export { scryptPasswords, OWASP_SCRYPT, type PasswordHasher, type ScryptParams } from './passwords.js';
export { newId } from './ids.js';
export { constantTimeEqual } from './encoding.js';
