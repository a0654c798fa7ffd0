import type { ModuleId } from '../src/model/modules.js';
import type { PortalClient } from './context.js';
import type {
  SgAccessRevokedEvent,
  SgClientInvitedEvent,
  SgClientUpdatedEvent,
  SgInviteAcceptedEvent,
  SgResourceOpenEvent,
  SgShareChangeEvent,
  SgSignInEvent,
  SgSignInRequestEvent,
  SgSignOutEvent,
} from './events.js';
import type { SgStrings } from './i18n/en.js';
import type { SgNavigateEvent } from './portal-view/navigate-event.js';
import type { SgApprovalRequestEvent } from './approval-button/approval-request-event.js';
import type { SgApprovalWithdrawEvent } from './approval-button/approval-withdraw-event.js';

/**
 * What each `sg-*` element accepts from a framework template, shared by the React and Vue
 * typings (`sitegate/components/react`, `sitegate/components/vue`) so both stay in step with
 * the elements. Kebab-case keys are attributes (strings); camelCase keys are the element's
 * properties, which React 19 and Vue set directly when the name is a property of the element.
 */
interface SgCommonProps {
  /** The api client; normally provided by `<sg-portal-provider>`. */
  client?: PortalClient;
  /** Replaces some of this element's strings. */
  strings?: Partial<SgStrings>;
  /** `light` (default), `dark`, or `auto` to follow `prefers-color-scheme`. */
  theme?: 'light' | 'dark' | 'auto';
}

export interface SgElementProps {
  'sg-portal-provider': {
    /** Where the sitegate HTTP handler is mounted, e.g. `/api/portal`. */
    'base-url'?: string;
    baseUrl?: string;
    /** Use this client instead of creating one from `base-url`. */
    client?: PortalClient;
    /** The theme of every element inside: `light` (default), `dark`, or `auto`. */
    theme?: 'light' | 'dark' | 'auto';
  };
  'sg-client-list': SgCommonProps & {
    /** Show only this project's clients. */
    'project-id'?: string;
    projectId?: string;
  };
  'sg-share-button': SgCommonProps & {
    'project-id'?: string;
    projectId?: string;
    module?: ModuleId;
    'resource-id'?: string;
    resourceId?: string;
    kind?: 'item' | 'folder';
    /** Share several resources at once, named by `resource-ids` / `resourceIds`. */
    multiple?: boolean;
    /** Space-separated ids. */
    'resource-ids'?: string;
    resourceIds?: string[];
    /** Show who viewed the resource ("Viewed by Dana · 2 hours ago"). */
    'show-receipts'?: boolean;
    showReceipts?: boolean;
  };
  'sg-approval-button': SgCommonProps & {
    'project-id'?: string;
    projectId?: string;
    /** `changeOrders` (default), `selections`, … */
    module?: ModuleId;
    'resource-id'?: string;
    resourceId?: string;
    /** Re-read the status every so many seconds while visible (default 30; 0: never). */
    'refresh-seconds'?: number | string;
    refreshSeconds?: number;
  };
  'sg-portal-view': SgCommonProps & {
    /** The project shown first. */
    'project-id'?: string;
    projectId?: string;
    /** The section to show. */
    module?: string;
    /** Keep project and section in `location.hash`. */
    'sync-hash'?: boolean;
    syncHash?: boolean;
    /** Where "Sign in" leads once the session has ended; without it the button fires `sg-sign-in-request`. */
    'sign-in-url'?: string;
    signInUrl?: string;
  };
  'sg-accept-invite': SgCommonProps & {
    /** The invite token from the link. */
    token?: string;
    /** Where "Sign in" leads from a used or expired invite; without it the button fires `sg-sign-in-request`. */
    'sign-in-url'?: string;
    signInUrl?: string;
  };
  'sg-sign-in': SgCommonProps & {
    /** The builder account the client signs in to. */
    'tenant-id'?: string;
    tenantId?: string;
    /** Space-separated: `password` (default) and/or `link` (emailed one-time sign-in links). */
    methods?: string;
    /** The page knows nobody is signed in: the form shows without asking `GET /me`. */
    'no-session'?: boolean;
    noSession?: boolean;
  };
  'sg-reset-password': SgCommonProps & {
    /** The reset token from the link (default: read from the URL fragment). */
    token?: string;
    /** The builder account, for "get a new link" on a dead link. */
    'tenant-id'?: string;
    tenantId?: string;
  };
  'sg-confirm-email': SgCommonProps & {
    /** The confirmation token from the link (default: read from the URL fragment). */
    token?: string;
    /** The builder account, for its brand and its name on a dead link's page. */
    'tenant-id'?: string;
    tenantId?: string;
  };
}

/** The events each element dispatches, by event name. */
export interface SgElementEvents {
  'sg-portal-provider': Record<never, never>;
  'sg-client-list': {
    'sg-client-invited': SgClientInvitedEvent;
    'sg-client-updated': SgClientUpdatedEvent;
    'sg-access-revoked': SgAccessRevokedEvent;
  };
  'sg-share-button': { 'sg-share-change': SgShareChangeEvent };
  'sg-approval-button': { 'sg-approval-request': SgApprovalRequestEvent; 'sg-approval-withdraw': SgApprovalWithdrawEvent };
  'sg-portal-view': { 'sg-resource-open': SgResourceOpenEvent; 'sg-navigate': SgNavigateEvent; 'sg-sign-in-request': SgSignInRequestEvent };
  'sg-accept-invite': { 'sg-invite-accepted': SgInviteAcceptedEvent; 'sg-sign-in-request': SgSignInRequestEvent };
  'sg-sign-in': { 'sg-sign-in': SgSignInEvent; 'sg-sign-out': SgSignOutEvent };
  'sg-reset-password': { 'sg-sign-in': SgSignInEvent; 'sg-sign-in-request': SgSignInRequestEvent };
  'sg-confirm-email': { 'sg-sign-in': SgSignInEvent; 'sg-sign-in-request': SgSignInRequestEvent };
}

export type SgTagName = keyof SgElementProps;
