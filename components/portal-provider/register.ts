import { defineElement } from '../base/define.js';
import { SgPortalProvider } from './portal-provider.js';

// Apart from the class: importing the class (to type, subclass or wrap it) registers nothing.
defineElement('sg-portal-provider', SgPortalProvider);
