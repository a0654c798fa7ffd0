/**
 * Template typings for Vue 3 (`vue-tsc --strictTemplates`): every `sg-*` element as a global
 * component with its props and typed events. Types only; load them once, e.g. in `env.d.ts`:
 *
 * ```ts
 * import type {} from 'sitegate/components/vue';
 * ```
 *
 * and tell Vue's compiler the `sg-` tags are custom elements (`vite.config`):
 * `vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('sg-') } } })`.
 * Then `<sg-sign-in tenant-id="acme" @sg-sign-in="(e) => (client = e.detail.client)" />`.
 *
 * Vue sets a binding as a property when the element has a property of that name (`:client`,
 * `:strings`, `:resourceIds`), otherwise as an attribute (`project-id="p1"`).
 */
import type { DefineComponent } from 'vue';
import type { SgElementEvents, SgElementProps, SgTagName } from './element-types.js';

type CamelCase<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : S;
type CamelKeys<T> = { [K in keyof T as K extends string ? CamelCase<K> : K]: T[K] };

/** `@sg-share-change` in a template is the `onSgShareChange` prop to Vue's type checker. */
export type SgVueEventProps<Tag extends SgTagName> = {
  [Name in keyof SgElementEvents[Tag] & string as `on${Capitalize<CamelCase<Name>>}`]?: (event: SgElementEvents[Tag][Name]) => void;
};

/**
 * Props as Vue's checker sees them: it camelises `project-id` to `projectId`, so an attribute
 * and its property meet under one name (`resourceIds`: the space-separated attribute string or
 * the property's list).
 */
export type SgVueProps<Tag extends SgTagName> = CamelKeys<SgElementProps[Tag]> & SgVueEventProps<Tag>;

declare module 'vue' {
  interface GlobalComponents {
    'sg-portal-provider': DefineComponent<SgVueProps<'sg-portal-provider'>>;
    'sg-client-list': DefineComponent<SgVueProps<'sg-client-list'>>;
    'sg-share-button': DefineComponent<SgVueProps<'sg-share-button'>>;
    'sg-approval-button': DefineComponent<SgVueProps<'sg-approval-button'>>;
    'sg-portal-view': DefineComponent<SgVueProps<'sg-portal-view'>>;
    'sg-accept-invite': DefineComponent<SgVueProps<'sg-accept-invite'>>;
    'sg-sign-in': DefineComponent<SgVueProps<'sg-sign-in'>>;
    'sg-reset-password': DefineComponent<SgVueProps<'sg-reset-password'>>;
    'sg-confirm-email': DefineComponent<SgVueProps<'sg-confirm-email'>>;
  }
}
