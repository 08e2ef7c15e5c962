import { describe, expect, it } from 'vitest';
import { choosePartner, type RoutingRequest } from '../../src/domain/routing';
import { loadDirectory } from '../../src/data/directory';
import { partnerSchema, validateDirectory } from '../../src/domain/partners';
import { INTAKE_TOPICS } from '../../src/domain/topics';
import { join } from 'node:path';

const directory = loadDirectory(join(import.meta.dirname, '../../content'));
const route = (r: Partial<RoutingRequest>) => choosePartner({ topic: 'migration', province: 'KH-12', under18: false, ...r }, directory).id;

describe('choosePartner (the shipped sample directory)', () => {
  it.each([
    // [case, request, expected partner]
    ['migration from Banteay Meanchey: the border centre serves it', { province: 'KH-1' }, 'sample-northwest-migration'],
    ['migration from Prey Veng: the south-east office', { province: 'KH-14' }, 'sample-southeast-migration'],
    ['migration from Koh Kong: the coast network', { province: 'KH-9' }, 'sample-coast'],
    ['child labour, a child in Pursat', { topic: 'child_labour', province: 'KH-15', under18: true }, 'sample-child-labour'],
    ['child labour, a child in Siem Reap: child protection serves it', { topic: 'child_labour', province: 'KH-17', under18: true }, 'sample-child-protection'],
    ['exploitation of a child in Phnom Penh', { topic: 'exploitation', province: 'KH-12', under18: true }, 'sample-child-protection'],
    ['exploitation, an adult in Phnom Penh: nobody local, nearest is the coast', { topic: 'exploitation', province: 'KH-12', under18: false }, 'sample-coast'],
    ['two partners serve Svay Rieng for migration: the southeast office (priority 20) is the only one for migration', { province: 'KH-20' }, 'sample-southeast-migration'],
    ['migration from Ratanakiri (nobody serves it): the nearest province town served is Suong (Tbong Khmum)', { province: 'KH-16' }, 'sample-southeast-migration'],
    ['migration from Preah Vihear (nobody serves it): Siem Reap is nearest', { province: 'KH-13' }, 'sample-northwest-migration'],
    ['child labour, an adult (nobody takes adults for child labour): the national helpdesk', { topic: 'child_labour', province: 'KH-15', under18: false }, 'sample-national'],
  ] as [string, Partial<RoutingRequest>, string][])('%s', (_, request, expected) => {
    expect(route(request)).toBe(expected);
  });

  it('breaks ties by priority: two partners serving the province', () => {
    // Battambang: border centre (priority 10) and child protection (priority 5) both take child trafficking.
    expect(route({ topic: 'trafficking', province: 'KH-2', under18: true })).toBe('sample-child-protection');
    expect(route({ topic: 'trafficking', province: 'KH-2', under18: false })).toBe('sample-northwest-migration');
  });

  it('routes every combination to a partner that takes its topic and age group, the national one when nobody else does', () => {
    const chosen = new Set<string>();
    for (const p of directory.provinces) for (const topic of INTAKE_TOPICS) for (const under18 of [true, false]) {
      const request = { province: p.code, topic, under18 };
      const partner = choosePartner(request, directory);
      const age = under18 ? 'under18' : 'adult';
      const label = `${topic}, ${age}, ${p.code} → ${partner.id}`;
      expect(partner.topics, label).toContain(topic);
      expect(partner.ages, label).toContain(age);
      const anyoneElse = directory.partners.some((o) => !o.national && o.topics.includes(topic) && o.ages.includes(age));
      expect(partner.national, label).toBe(!anyoneElse);
      chosen.add(partner.id);
    }
    // The sweep reached the fallback, and every shipped partner gets some requests (none is dead weight).
    expect(chosen).toContain('sample-national');
    expect(chosen.size).toBe(directory.partners.length);
  });

  it('sends a request every suitable partner has already had (escalation) to the national partner', () => {
    const local = directory.partners.filter((p) => !p.national).map((p) => p.id);
    for (const p of directory.provinces) {
      expect(choosePartner({ topic: 'trafficking', province: p.code, under18: true }, directory, { exclude: local }).id, p.code).toBe('sample-national');
    }
  });
});

describe('the partner directory', () => {
  it('ships only sample partners with example.org addresses', () => {
    for (const p of directory.partners) {
      expect(p.sample, p.id).toBe(true);
      expect(p.name.en, p.id).toMatch(/Sample/);
      if (p.channels.email) expect(p.channels.email).toMatch(/example\.org$/);
      if (p.channels.webhook) expect(new URL(p.channels.webhook.url).hostname).toMatch(/example\.org$/);
    }
    expect(directory.partners.length).toBeGreaterThanOrEqual(5);
  });

  it('refuses a directory without a national fallback, and a partner without provinces', () => {
    const local = directory.partners.filter((p) => !p.national);
    expect(() => validateDirectory(local)).toThrow(/national/);
    expect(partnerSchema.safeParse({ ...local[0], provinces: [] }).success).toBe(false);
  });
});
