/**
 * JSX typings for React 19: every `sg-*` element with its attributes, properties and typed
 * event props. Types only; load them once, e.g. in a `.d.ts` or your entry file:
 *
 * ```ts
 * import type {} from 'sitegate/components/react';
 * import 'sitegate/components'; // registers the elements (in the browser)
 *
 * <sg-sign-in tenant-id="acme" onsg-sign-in={(event) => setClient(event.detail.client)} />
 * ```
 *
 * React 19 sets a prop as a property when the element has a property of that name (so
 * `client`, `strings` and `resourceIds` take objects), otherwise as an attribute, and adds a
 * listener for `on` + the exact event name (`onsg-share-change`).
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { SgElementEvents, SgElementProps, SgTagName } from './element-types.js';
import type {
  SgAcceptInvite,
  SgApprovalButton,
  SgClientList,
  SgConfirmEmail,
  SgPortalProvider,
  SgPortalView,
  SgResetPassword,
  SgShareButton,
  SgSignIn,
} from './index.js';

interface SgElementClasses {
  'sg-portal-provider': SgPortalProvider;
  'sg-client-list': SgClientList;
  'sg-share-button': SgShareButton;
  'sg-approval-button': SgApprovalButton;
  'sg-portal-view': SgPortalView;
  'sg-accept-invite': SgAcceptInvite;
  'sg-sign-in': SgSignIn;
  'sg-reset-password': SgResetPassword;
  'sg-confirm-email': SgConfirmEmail;
}

/** `on` + the event name, called with the element's typed event class. */
export type SgReactEventProps<Tag extends SgTagName> = {
  [Name in keyof SgElementEvents[Tag] & string as `on${Name}`]?: (event: SgElementEvents[Tag][Name]) => void;
};

/** Everything a React element of `Tag` accepts: the usual HTML props, the element's own, its events. */
export type SgReactProps<Tag extends SgTagName> = Omit<
  DetailedHTMLProps<HTMLAttributes<SgElementClasses[Tag]>, SgElementClasses[Tag]>,
  keyof SgElementProps[Tag]
> &
  SgElementProps[Tag] &
  SgReactEventProps<Tag> & {
    /** React 19 passes `class` through to custom elements too. */
    class?: string;
  };

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'sg-portal-provider': SgReactProps<'sg-portal-provider'>;
      'sg-client-list': SgReactProps<'sg-client-list'>;
      'sg-share-button': SgReactProps<'sg-share-button'>;
      'sg-approval-button': SgReactProps<'sg-approval-button'>;
      'sg-portal-view': SgReactProps<'sg-portal-view'>;
      'sg-accept-invite': SgReactProps<'sg-accept-invite'>;
      'sg-sign-in': SgReactProps<'sg-sign-in'>;
      'sg-reset-password': SgReactProps<'sg-reset-password'>;
      'sg-confirm-email': SgReactProps<'sg-confirm-email'>;
    }
  }
}
