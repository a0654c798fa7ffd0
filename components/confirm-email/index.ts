/**
 * `import 'sitegate/components/confirm-email'`: registers `<sg-confirm-email>` alone, for a page that uses only it
 * (with `sitegate/components/portal-provider`, or a client set on it), and exports its class.
 *
 * It registers here rather than through `./register.js`: a module two entry points import is
 * built into a shared chunk, which the package does not mark as having side effects, so a host's
 * bundler would drop the registration. Registering twice is harmless (`defineElement`).
 */
import { defineElement } from '../base/define.js';
import { SgConfirmEmail } from './confirm-email.js';

defineElement('sg-confirm-email', SgConfirmEmail);

export { SgConfirmEmail };
