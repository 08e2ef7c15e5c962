/** The server's settings, from the environment (see README "Configuration"). */
export interface ServerConfig {
  port: number;
  host: string;
  /** Trust X-Forwarded-Proto / X-Forwarded-For from a reverse proxy in front. */
  trustProxy: boolean;
}

export function readServerConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env.PORT ?? 4321);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  return {
    port,
    host: env.HOST || '127.0.0.1',
    trustProxy: /^(1|true|yes)$/i.test(env.TRUST_PROXY ?? ''),
  };
}
