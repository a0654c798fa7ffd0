import { memoryStorage } from 'sitegate/adapters/memory';
import { storageConformance } from 'sitegate/testing';

storageConformance({ name: 'memory', create: () => memoryStorage() });
