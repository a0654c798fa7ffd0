import { defineElement } from '../base/define.js';
import { SgConfirmEmail } from './confirm-email.js';

// Apart from the class: importing the class (to type, subclass or wrap it) registers nothing.
defineElement('sg-confirm-email', SgConfirmEmail);
