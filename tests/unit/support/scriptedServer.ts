/**
 * A stand-in for the API in unit tests: answers each POST as scripted and
 * records, in order, every try (`tries`, network errors included) and what
 * reached the server (`posts`).
 */
export type Answer = 'network-error' | { status: number; body: unknown; headers?: Record<string, string> };

export function scriptedServer(answer: (body: { id: string } & Record<string, unknown>) => Answer | Promise<Answer>) {
  const posts: ({ id: string } & Record<string, unknown>)[] = [];
  const tries: string[] = [];
  const fetcher = (async (_url: RequestInfo | URL, init?: RequestInit) => {
    const body = JSON.parse(String(init?.body)) as { id: string } & Record<string, unknown>;
    tries.push(body.id);
    const scripted = await answer(body);
    if (scripted === 'network-error') throw new TypeError('Failed to fetch'); // what fetch throws offline
    posts.push(body);
    return new Response(JSON.stringify(scripted.body), { status: scripted.status, headers: { 'Content-Type': 'application/json', ...scripted.headers } });
  }) as typeof fetch;
  return { fetcher, posts, tries };
}
