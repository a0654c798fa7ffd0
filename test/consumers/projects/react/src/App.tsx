import { useState } from 'react';
import type {} from 'sitegate/components/react';
import 'sitegate/components';

/** A React 19 page using the elements: attributes, an object property and typed event props. */
export function App() {
  const [who, setWho] = useState('nobody');
  return (
    <sg-portal-provider base-url="/api/portal">
      <sg-sign-in
        tenant-id="acme"
        theme="light"
        strings={{ signInSubmit: 'Enter the portal' }}
        onsg-sign-in={(event) => setWho(event.detail.client.email)}
        onsg-sign-out={() => setWho('nobody')}
      />
      <p id="who">Signed in: {who}</p>
    </sg-portal-provider>
  );
}
