/**
 * Which partner organisation a request goes to — a pure function of the
 * request and the directory:
 *   1. among partners that handle the topic and the age group,
 *   2. one that serves the person's province,
 *   3. else the one serving the province town nearest to theirs,
 *   4. ties by priority, then id; the national partner when no other fits.
 */
import type { IntakeTopic } from './topics';
import type { Partner } from './partners';
import { distanceKm, type Province, type ProvinceCode } from './provinces';

export interface RoutingRequest {
  topic: IntakeTopic;
  province: ProvinceCode;
  under18: boolean;
}

export interface Directory {
  partners: readonly Partner[];
  provinces: readonly Province[];
}

/**
 * `exclude`: partners the request has already been with (escalation); when
 * every suitable partner is excluded, the national partner still takes it.
 */
export function choosePartner(request: RoutingRequest, directory: Directory, { exclude = [] as readonly string[] } = {}): Partner {
  const age = request.under18 ? 'under18' : 'adult';
  const home = directory.provinces.find((p) => p.code === request.province);
  if (!home) throw new Error(`unknown province ${request.province}`);
  const suitable = directory.partners.filter((p) => p.topics.includes(request.topic) && p.ages.includes(age) && !exclude.includes(p.id));

  const byPriority = (a: Partner, b: Partner) => a.priority - b.priority || a.id.localeCompare(b.id);
  const local = suitable.filter((p) => !p.national && p.provinces.includes(request.province)).sort(byPriority);
  if (local[0]) return local[0];

  // Distance from the person's province town to the nearest province town a partner serves.
  const distanceTo = (partner: Partner) =>
    Math.min(...partner.provinces.map((code) => {
      const town = directory.provinces.find((p) => p.code === code);
      return town ? distanceKm(home, town) : Infinity;
    }));
  const nearby = suitable
    .filter((p) => !p.national && p.provinces.length > 0)
    .map((partner) => ({ partner, km: distanceTo(partner) }))
    .sort((a, b) => a.km - b.km || byPriority(a.partner, b.partner));
  if (nearby[0]) return nearby[0].partner;

  const national = suitable.filter((p) => p.national).sort(byPriority)[0]
    ?? directory.partners.filter((p) => p.national && !exclude.includes(p.id)).sort(byPriority)[0]
    ?? directory.partners.filter((p) => p.national).sort(byPriority)[0];
  if (!national) throw new Error('no national partner in the directory');
  return national;
}
