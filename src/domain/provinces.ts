/** Cambodia's 25 provinces by ISO 3166-2:KH code (names and positions are in content/places/provinces.yaml). */
export const PROVINCE_CODES = Array.from({ length: 25 }, (_, i) => `KH-${i + 1}`) as [string, ...string[]];
export type ProvinceCode = string;

export interface Province {
  code: ProvinceCode;
  name: { km: string; en: string };
  lat: number;
  lon: number;
}

export function isProvinceCode(value: unknown): value is ProvinceCode {
  return typeof value === 'string' && PROVINCE_CODES.includes(value);
}

/** Great-circle distance in km between two points (haversine). */
export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}
