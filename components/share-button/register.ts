import { defineElement } from '../base/define.js';
import { SgShareButton } from './share-button.js';

// Apart from the class: importing the class (to type, subclass or wrap it) registers nothing.
defineElement('sg-share-button', SgShareButton);
