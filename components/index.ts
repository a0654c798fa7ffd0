/**
 * `import 'sitegate/components'` registers every `sg-*` element. Each class, the context, the
 * events and the translation API are exported for typing, subclassing and localisation.
 */
import './portal-provider/register.js';
import './accept-invite/register.js';
import './sign-in/register.js';
import './reset-password/register.js';
import './confirm-email/register.js';
import './share-button/register.js';
import './portal-view/register.js';
import './client-list/register.js';
import './approval-button/register.js';

export { portalClientContext, providePortalClient, type PortalClient } from './context.js';
export { SgElement } from './base/sg-element.js';
export { SgPortalProvider } from './portal-provider/portal-provider.js';
export { SgAcceptInvite } from './accept-invite/accept-invite.js';
export { SgSignIn } from './sign-in/sign-in.js';
export { SgResetPassword } from './reset-password/reset-password.js';
export { SgConfirmEmail } from './confirm-email/confirm-email.js';
export { SgShareButton } from './share-button/share-button.js';
export { SgPortalView } from './portal-view/portal-view.js';
export { SgClientList } from './client-list/client-list.js';
export { SgApprovalButton } from './approval-button/approval-button.js';
export { SgApprovalRequestEvent } from './approval-button/approval-request-event.js';
export { SgApprovalWithdrawEvent } from './approval-button/approval-withdraw-event.js';

export {
  SgClientInvitedEvent,
  SgClientUpdatedEvent,
  SgAccessRevokedEvent,
  SgShareChangeEvent,
  SgInviteAcceptedEvent,
  SgSignInEvent,
  SgSignInRequestEvent,
  SgSignOutEvent,
  SgResourceOpenEvent,
  type ClientChange,
} from './events.js';

export { setTranslations, translations, format, en, registerLocale, type SgStrings } from './i18n/translate.js';
export { SgNavigateEvent } from './portal-view/navigate-event.js';
export { safeUrl, safeImageUrl } from './util/safe-url.js';
export { problemMessage, issuesByField } from './util/problem.js';
