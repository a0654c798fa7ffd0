import { expect } from '@open-wc/testing';
import { defineElement } from '../../components/base/define.js';
import { SgClientList } from '../../components/client-list/client-list.js';

/**
 * The class file only declares the element; its `register.ts` registers it, and registering
 * again (a second bundle on the page) is harmless. This file imports nothing else, so nothing
 * else registered the tag first.
 */
describe('sg-client-list registration', () => {
  it('is not registered by importing the class', () => {
    expect(customElements.get('sg-client-list')).to.equal(undefined);
  });

  it('is registered by its register file, and a second registration neither throws nor replaces it', async () => {
    await import('../../components/client-list/register.js');
    expect(customElements.get('sg-client-list')).to.equal(SgClientList);
    class Copy extends SgClientList {}
    expect(() => defineElement('sg-client-list', Copy)).not.to.throw();
    expect(customElements.get('sg-client-list')).to.equal(SgClientList);
  });
});
