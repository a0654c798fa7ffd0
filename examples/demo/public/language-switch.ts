// The top bar's "English · Français" (language.mjs). Following the link would open the page
// anew, in a new history entry without what this one keeps: an invite's or reset link's token,
// which the element took out of the address bar into the entry's state. So the choice is sent
// with `fetch` and this same entry reloaded, with its address, fragment and state. Should the
// request fail, the link is followed after all: the route sets the choice and sends it back here.

/** A click that opens the link in this tab (not a new tab or window, not a download). */
const plainClick = (event: MouseEvent) => event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;

/**
 * Makes the page's language links choose in place. A function the page calls rather than work
 * done on import: the bundler drops a bare import of a module of this package, which it takes
 * for free of side effects (package.json `sideEffects`).
 */
export function chooseLanguageInPlace(): void {
  for (const link of document.querySelectorAll<HTMLAnchorElement>('a[data-language]')) {
    link.addEventListener('click', (event) => {
      if (event.defaultPrevented || !plainClick(event)) return;
      event.preventDefault();
      void fetch(link.href, { method: 'POST' }).then(
        (response) => (response.ok ? location.reload() : location.assign(link.href)),
        () => location.assign(link.href),
      );
    });
  }
}
