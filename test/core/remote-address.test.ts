import { describe, expect, it } from 'vitest';
import { addressKey } from 'sitegate/server';

describe('addressKey: the rate-limit identity of an address', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    [' 203.0.113.7 ', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['::FFFF:cb00:7107', '203.0.113.7'],
    ['0:0:0:0:0:ffff:203.0.113.7', '203.0.113.7'],
    ['2001:db8:1:2::9', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002:ffff:ffff:ffff:ffff', '2001:db8:1:2::/64'],
    ['[2001:db8:1:2:3:4:5:6]', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['1:2:3:4:5:6:1.2.3.4', '1:2:3:4::/64'],
  ])('%s → %s', (address, key) => {
    expect(addressKey(address)).toBe(key);
  });

  it('keeps what is not an IP address, bounded', () => {
    for (const other of ['unknown', '1:2:3:4:5:6:7:8:9', '2001:db8:::1', '300.1.1.1', '::ffff:999.1.1.1']) expect(addressKey(other)).toBe(other);
    expect(addressKey('x'.repeat(500))).toHaveLength(100);
  });
});
