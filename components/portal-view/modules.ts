/** Display order of the portal's sections, and the modules whose resources nest in folders. */
export { MODULES as MODULE_ORDER, FOLDER_MODULES } from '../../src/model/module-list.js';
