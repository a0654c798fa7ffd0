import { defineElement } from '../base/define.js';
import { SgSignIn } from './sign-in.js';

// Apart from the class: importing the class (to type, subclass or wrap it) registers nothing.
defineElement('sg-sign-in', SgSignIn);
