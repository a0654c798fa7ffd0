import { defineElement } from '../base/define.js';
import { SgApprovalButton } from './approval-button.js';

// Apart from the class: importing the class (to type, subclass or wrap it) registers nothing.
defineElement('sg-approval-button', SgApprovalButton);
