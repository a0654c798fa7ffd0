import { defineElement } from '../base/define.js';
import { SgResetPassword } from './reset-password.js';

// Apart from the class: importing the class (to type, subclass or wrap it) registers nothing.
defineElement('sg-reset-password', SgResetPassword);
