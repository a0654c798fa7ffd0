import { defineElement } from '../base/define.js';
import { SgAcceptInvite } from './accept-invite.js';

// Apart from the class: importing the class (to type, subclass or wrap it) registers nothing.
defineElement('sg-accept-invite', SgAcceptInvite);
