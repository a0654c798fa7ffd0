/**
 * Registers `sg-*` elements so that registering twice is harmless (each element's `register.ts`
 * calls it; the classes do not register themselves). Two bundles on one page
 * (a host app and a widget, each with its own copy of `sitegate/components`) both register the
 * same tags; the native `customElements.define` throws `NotSupportedError` on the second, which
 * would stop the rest of that bundle. The first registration wins; the second bundle's elements
 * are then the first one's, and they still share the api client through the global context key.
 * Without a registry (server-side rendering in Node without a DOM shim) nothing is registered.
 */
export function defineElement(tag: string, element: CustomElementConstructor): void {
  const registry = (globalThis as { customElements?: CustomElementRegistry }).customElements;
  if (registry && !registry.get(tag)) registry.define(tag, element);
}

