// The page's own script: which element to show. An invite link lands here with the token in
// the fragment (#token=…); <sg-accept-invite> reads it from there and clears the address bar.
const slot = document.querySelector('#slot');

function element(tag, attributes = {}, children = []) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

const signIn = () => slot.replaceChildren(element('sg-sign-in', { 'tenant-id': 'acme' }));
// Signed in: the portal, with the sign-in card (now "signed in as" and sign out) on top.
const portal = () => slot.replaceChildren(element('sg-portal-view', {}, [element('sg-sign-in', { slot: 'header', 'tenant-id': 'acme' })]));

slot.addEventListener('sg-sign-in', portal);
slot.addEventListener('sg-invite-accepted', portal);
slot.addEventListener('sg-sign-out', signIn);

if (new URLSearchParams(location.hash.slice(1)).has('token')) {
  slot.replaceChildren(element('sg-accept-invite'));
} else {
  // A session cookie may already exist.
  const me = await fetch('/api/portal/me', { headers: { accept: 'application/json' } });
  me.ok ? portal() : signIn();
}
