/**
 * The client chose a project or a section of `<sg-portal-view>`. Cancelable: a host with its
 * own router calls `preventDefault()`, routes, and sets `project-id` / `module` itself.
 */
export class SgNavigateEvent extends Event {
  static readonly type = 'sg-navigate';
  readonly detail: { projectId: string; module?: string };
  constructor(detail: { projectId: string; module?: string }) {
    super(SgNavigateEvent.type, { bubbles: true, composed: true, cancelable: true });
    this.detail = detail;
  }
}
