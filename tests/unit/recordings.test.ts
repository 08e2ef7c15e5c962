/** Recordings: where they are published, and how the service worker answers a saved one (ranges included). */
import { describe, expect, it, vi } from 'vitest';
import { audioType, isRecordingPath, recordingUrl, RECORDINGS_CACHE } from '../../src/domain/recordings';
import { savedRecordingResponse } from '../../src/sw/savedRecordings';
import { parseRange } from '../../src/domain/byteRange';

describe('recording addresses', () => {
  it('publishes content/audio/<lang>/<file> at /audio/<lang>/<file>, Opus or AAC only', () => {
    expect(recordingUrl('km', 'talk.opus')).toBe('/audio/km/talk.opus');
    expect(isRecordingPath('/audio/km/talk.opus')).toBe(true);
    expect(isRecordingPath('/audio/en/talk-2.m4a')).toBe(true);
    expect(isRecordingPath('/audio/km/talk.mp3')).toBe(false);
    expect(isRecordingPath('/audio/km/../x.opus')).toBe(false);
    expect(isRecordingPath('/km/audio/talk.opus')).toBe(false);
    expect(audioType('talk.opus')).toBe('audio/ogg; codecs=opus');
    expect(audioType('talk.m4a')).toMatch(/^audio\/mp4/);
    expect(audioType('talk.wav')).toBeUndefined();
  });
});

describe('parseRange', () => {
  it('reads the ranges media elements ask for', () => {
    expect(parseRange('bytes=0-', 100)).toEqual([0, 99]);
    expect(parseRange('bytes=10-19', 100)).toEqual([10, 19]);
    expect(parseRange('bytes=90-200', 100)).toEqual([90, 99]);
    expect(parseRange('bytes=-5', 100)).toEqual([95, 99]);
    expect(parseRange('bytes=100-', 100)).toBeUndefined();
    expect(parseRange('bytes=5-1', 100)).toBeUndefined();
    expect(parseRange('items=0-1', 100)).toBeUndefined();
    expect(parseRange(null, 100)).toBeUndefined();
  });
});

/** A CacheStorage holding one cache with the given entries. */
function storage(name: string | undefined, entries: Record<string, Response> = {}): CacheStorage {
  return {
    has: async (n: string) => n === name,
    match: async (key: RequestInfo | URL, options?: MultiCacheQueryOptions) => (options?.cacheName === name ? entries[String(key)]?.clone() : undefined),
  } as unknown as CacheStorage;
}

describe('savedRecordingResponse', () => {
  const body = new Uint8Array(Array.from({ length: 50 }, (_, i) => i));
  const saved = () => storage(RECORDINGS_CACHE, { '/audio/km/talk.opus': new Response(body, { headers: { 'Content-Type': 'audio/ogg; codecs=opus' } }) });

  it('answers nothing for a recording that was not saved (the network answers)', async () => {
    expect(await savedRecordingResponse(new Request('https://x.org/audio/km/talk.opus'), storage(undefined))).toBeUndefined();
    expect(await savedRecordingResponse(new Request('https://x.org/audio/km/other.opus'), saved())).toBeUndefined();
  });

  it('answers a saved recording whole, or the range asked for with 206', async () => {
    const whole = await savedRecordingResponse(new Request('https://x.org/audio/km/talk.opus'), saved());
    expect(whole?.status).toBe(200);
    expect(new Uint8Array(await whole!.arrayBuffer())).toEqual(body);
    const part = await savedRecordingResponse(new Request('https://x.org/audio/km/talk.opus', { headers: { Range: 'bytes=10-14' } }), saved());
    expect(part?.status).toBe(206);
    expect(part?.headers.get('Content-Range')).toBe('bytes 10-14/50');
    expect(part?.headers.get('Content-Type')).toBe('audio/ogg; codecs=opus');
    expect([...new Uint8Array(await part!.arrayBuffer())]).toEqual([10, 11, 12, 13, 14]);
    const beyond = await savedRecordingResponse(new Request('https://x.org/audio/km/talk.opus', { headers: { Range: 'bytes=99-' } }), saved());
    expect(beyond?.status).toBe(416);
  });
});

describe('recordingRoute', () => {
  it('takes only same-origin GETs of published recordings', async () => {
    vi.stubGlobal('location', new URL('https://safejourney.example.org/'));
    try {
      const { recordingRoute } = await import('../../src/sw/savedRecordings');
      const at = (href: string, method = 'GET') => { const url = new URL(href, 'https://safejourney.example.org'); return { request: new Request(url, { method }), url }; };
      expect(recordingRoute.match(at('/audio/km/talk.opus'))).toBe(true);
      expect(recordingRoute.match(at('/audio/km/talk.opus', 'POST'))).toBe(false);
      expect(recordingRoute.match(at('https://elsewhere.example/audio/km/talk.opus'))).toBe(false);
      expect(recordingRoute.match(at('/km/hotlines/'))).toBe(false);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
