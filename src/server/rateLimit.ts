/**
 * A token bucket per client address, in memory. Generous by default: many
 * phones reach us from one mobile-network address. Bounded in memory: the
 * least recently seen addresses are forgotten first.
 */
export interface RateLimitConfig {
  perMinute: number;
  burst: number;
  maxClients?: number;
}

export function rateLimitFromEnv(env: NodeJS.ProcessEnv = process.env): RateLimitConfig {
  return { perMinute: Number(env.INTAKE_RATE_PER_MINUTE ?? 120), burst: Number(env.INTAKE_RATE_BURST ?? 240) };
}

export function createRateLimiter({ perMinute, burst, maxClients = 50_000 }: RateLimitConfig) {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const refillPerMs = perMinute / 60_000;
  return {
    /** Takes one token; `retryAfterS` when there is none. */
    take(client: string, now = Date.now()): { ok: true } | { ok: false; retryAfterS: number } {
      const bucket = buckets.get(client) ?? { tokens: burst, at: now };
      buckets.delete(client);
      bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.at) * refillPerMs);
      bucket.at = now;
      buckets.set(client, bucket); // most recent last
      if (buckets.size > maxClients) buckets.delete(buckets.keys().next().value as string);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { ok: true };
      }
      return { ok: false, retryAfterS: Math.max(1, Math.ceil((1 - bucket.tokens) / refillPerMs / 1000)) };
    },
  };
}
export type RateLimiter = ReturnType<typeof createRateLimiter>;
