import { defineElement } from '../base/define.js';
import { SgClientList } from './client-list.js';

// Apart from the class: importing the class (to type, subclass or wrap it) registers nothing.
defineElement('sg-client-list', SgClientList);
