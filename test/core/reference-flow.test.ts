import { memoryStorage } from 'sitegate/adapters/memory';
import { referenceFlow } from '../support/reference-flow.js';

referenceFlow('memory', () => memoryStorage());
