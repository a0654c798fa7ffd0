import { defineElement } from '../base/define.js';
import { SgPortalView } from './portal-view.js';

// Apart from the class: importing the class (to type, subclass or wrap it) registers nothing.
defineElement('sg-portal-view', SgPortalView);
