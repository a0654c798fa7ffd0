import type { Client } from '../src/model/client.js';
import type { ModuleId } from '../src/model/modules.js';
import type { Resource } from '../src/model/resource.js';

/**
 * Every element event is a small class: it bubbles and crosses shadow roots (composed), has an
 * `sg-` name, and a typed `detail`. Listen with `el.addEventListener('sg-client-invited', e => e.detail.client)`.
 */
abstract class SgEvent<T> extends Event {
  readonly detail: T;
  constructor(type: string, detail: T) {
    super(type, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

/** A client was added and invited from `<sg-client-list>`. */
export class SgClientInvitedEvent extends SgEvent<{ client: Client }> {
  static readonly type = 'sg-client-invited';
  constructor(detail: { client: Client }) {
    super(SgClientInvitedEvent.type, detail);
  }
}

export type ClientChange = 'projects' | 'invite' | 'portal-access' | 'details' | 'password-reset' | 'archived' | 'restored';

/** A client's projects, invite, portal access or details changed, a reset was sent, or it was archived or restored. */
export class SgClientUpdatedEvent extends SgEvent<{ client: Client; change: ClientChange }> {
  static readonly type = 'sg-client-updated';
  constructor(detail: { client: Client; change: ClientChange }) {
    super(SgClientUpdatedEvent.type, detail);
  }
}

/** A client lost access to the listed projects. */
export class SgAccessRevokedEvent extends SgEvent<{ client: Client; projectIds: string[] }> {
  static readonly type = 'sg-access-revoked';
  constructor(detail: { client: Client; projectIds: string[] }) {
    super(SgAccessRevokedEvent.type, detail);
  }
}

/** Resources were shared with, or unshared from, a project's clients. */
export class SgShareChangeEvent extends SgEvent<{ projectId: string; module: ModuleId; resourceIds: string[]; shared: boolean }> {
  static readonly type = 'sg-share-change';
  constructor(detail: { projectId: string; module: ModuleId; resourceIds: string[]; shared: boolean }) {
    super(SgShareChangeEvent.type, detail);
  }
}

/** The invitee accepted and is now signed in. */
export class SgInviteAcceptedEvent extends SgEvent<{ client: Client }> {
  static readonly type = 'sg-invite-accepted';
  constructor(detail: { client: Client }) {
    super(SgInviteAcceptedEvent.type, detail);
  }
}

/**
 * The visitor asked to sign in (from a used or expired invite page without a `sign-in-url`, a
 * dead reset link's page, or a portal view whose session ended): show the sign-in form.
 */
export class SgSignInRequestEvent extends SgEvent<Record<string, never>> {
  static readonly type = 'sg-sign-in-request';
  constructor() {
    super(SgSignInRequestEvent.type, {});
  }
}

/** A client signed in. */
export class SgSignInEvent extends SgEvent<{ client: Client }> {
  static readonly type = 'sg-sign-in';
  constructor(detail: { client: Client }) {
    super(SgSignInEvent.type, detail);
  }
}

/** The client signed out. */
export class SgSignOutEvent extends SgEvent<Record<string, never>> {
  static readonly type = 'sg-sign-out';
  constructor() {
    super(SgSignOutEvent.type, {});
  }
}

/** A resource was opened in the portal (a link followed or a folder expanded). */
export class SgResourceOpenEvent extends SgEvent<{ projectId: string; resource: Resource }> {
  static readonly type = 'sg-resource-open';
  constructor(detail: { projectId: string; resource: Resource }) {
    super(SgResourceOpenEvent.type, detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'sg-client-invited': SgClientInvitedEvent;
    'sg-client-updated': SgClientUpdatedEvent;
    'sg-access-revoked': SgAccessRevokedEvent;
    'sg-share-change': SgShareChangeEvent;
    'sg-invite-accepted': SgInviteAcceptedEvent;
    'sg-sign-in': SgSignInEvent;
    'sg-sign-in-request': SgSignInRequestEvent;
    'sg-sign-out': SgSignOutEvent;
    'sg-resource-open': SgResourceOpenEvent;
  }
}
