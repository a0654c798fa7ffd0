// Compiled, never run: what the JSX typings accept and what they refuse.
import { useRef, type JSX } from 'react';
import type {} from 'sitegate/components/react';
import type { SgClientList, SgShareChangeEvent } from 'sitegate/components';

export function Accepted() {
  const list = useRef<SgClientList>(null);
  return (
    <>
      <sg-client-list ref={list} project-id="p1" className="wide" onsg-client-invited={(e) => e.detail.client.email} onsg-access-revoked={(e) => e.detail.projectIds.length} />
      <sg-share-button projectId="p1" module="documents" multiple resourceIds={['a', 'b']} onsg-share-change={(e: SgShareChangeEvent) => e.detail.shared} />
      <sg-portal-view project-id="p1" onsg-resource-open={(e) => e.detail.resource.name} />
      <sg-accept-invite token="t" onsg-invite-accepted={(e) => e.detail.client.id} />
      <sg-confirm-email tenant-id="acme" onsg-sign-in={(e) => e.detail.client.email} onsg-sign-in-request={() => undefined} />
    </>
  );
}

// @ts-expect-error `kind` is 'item' | 'folder'
export const badKind: JSX.IntrinsicElements['sg-share-button'] = { kind: 'bogus' };
// @ts-expect-error `module` is one of the portal's modules
export const badModule: JSX.IntrinsicElements['sg-share-button'] = { module: 'spreadsheets' };
// @ts-expect-error the event's detail is typed: a share change has no `client`
export const badDetail: JSX.IntrinsicElements['sg-share-button'] = { 'onsg-share-change': (e) => e.detail.client };
// @ts-expect-error `sg-confirm-email` dispatches no `sg-invite-accepted`
export const badConfirmEvent: JSX.IntrinsicElements['sg-confirm-email'] = { 'onsg-invite-accepted': () => undefined };
// @ts-expect-error `sg-client-list` dispatches no `sg-sign-in`
export const badEvent: JSX.IntrinsicElements['sg-client-list'] = { 'onsg-sign-in': () => undefined };
