import { describe, expect, it } from 'vitest';
import { retryDelay } from '../../src/client/queue';
import { nextAttemptDelay } from '../../src/server/delivery/outbox';
import { createRateLimiter } from '../../src/server/rateLimit';

describe('the phone queue backs off', () => {
  it('doubles from 2 s and stops at 5 minutes', () => {
    expect([0, 1, 2, 3].map((n) => retryDelay(n))).toEqual([2000, 4000, 8000, 16000]);
    expect(retryDelay(20)).toBe(5 * 60_000);
  });
  it('honours a longer Retry-After, within the 5-minute cap', () => {
    expect(retryDelay(0, 30)).toBe(30_000);
    expect(retryDelay(3, 1)).toBe(16_000);
    expect(retryDelay(0, 3600)).toBe(5 * 60_000);
  });
});

describe('the delivery worker backs off', () => {
  it('grows exponentially with jitter, capped, and a receiver\'s Retry-After wins', () => {
    const fixed = { baseMs: 1000, random: () => 1 };
    expect([0, 1, 2].map((n) => nextAttemptDelay(n, fixed))).toEqual([1000, 2000, 4000]);
    expect(nextAttemptDelay(30, fixed)).toBe(60 * 60_000);
    expect(nextAttemptDelay(0, { ...fixed, random: () => 0 })).toBe(500);
    expect(nextAttemptDelay(0, { ...fixed, retryAfterMs: 90_000 })).toBe(90_000);
  });
});

describe('the intake rate limit', () => {
  it('lets a burst through, then answers with how long to wait, and refills', () => {
    const limiter = createRateLimiter({ perMinute: 60, burst: 3 });
    const t0 = 1_000_000;
    expect([0, 1, 2].map(() => limiter.take('a', t0).ok)).toEqual([true, true, true]);
    expect(limiter.take('a', t0)).toEqual({ ok: false, retryAfterS: 1 });
    expect(limiter.take('b', t0).ok).toBe(true); // another address is not affected
    expect(limiter.take('a', t0 + 1000).ok).toBe(true);
  });
});
