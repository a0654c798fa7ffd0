// Run only by test/adapters/conformance-isolation.test.ts, in a vitest of its own: the published
// suite against a store whose transactions are not isolated, expected to fail.
import { storageConformance } from 'sitegate/testing';
import { nonIsolatedStorage } from './non-isolated-storage.js';

storageConformance({ name: 'non-isolated', create: () => nonIsolatedStorage() });
