import { main } from './every-entry.js';

console.log(await main());
