import { controls } from '../styles/controls.styles.js';
import { page } from '../styles/page.styles.js';
import { tokens } from '../styles/tokens.styles.js';

export default [tokens, controls, page];
