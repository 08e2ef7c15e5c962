/** Partner staff passwords: what is refused and why. */
import { describe, expect, it } from 'vitest';
import { passwordProblem, PASSWORD_PROBLEMS } from '../../src/server/partner/passwords';

const account = { email: 'sokha.chan@coast.example.org', orgId: 'sample-coast' };

describe('partner passwords', () => {
  it.each([
    ['eleven char', 'short'],
    ['qwertyuiop12', 'weak'],
    ['Passw0rd2026', 'weak'],
    ['cambodia12345', 'weak'],
    ['1234567890123', 'weak'],
    ['zzzzzzzzzzzzzz', 'repeated'],
    ['river 1111 mango ladder', 'repeated'],
    ['sample-coast', 'personal'],
    ['SampleCoast!2027', 'personal'],
    ['sokhachan mango river', 'personal'],
  ])('refuses %j (%s)', (password, problem) => {
    expect(passwordProblem(password, account)).toBe(problem);
  });

  it.each(['correct horse battery staple', 'river mango ladder quietly', 'a long enough passphrase'])('accepts %j', (password) => {
    expect(passwordProblem(password, account)).toBeNull();
  });

  it('says every reason in English and in Khmer', () => {
    for (const message of Object.values(PASSWORD_PROBLEMS)) {
      expect(message.en.length).toBeGreaterThan(10);
      expect(message.km).toMatch(/^[\u1780-\u17FF\s\d()៖។,.]+/);
    }
  });
});
