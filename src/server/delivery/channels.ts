/**
 * How a request reaches a partner: its inbox (always), an e-mail notice
 * (SMTP_URL; reference and a link only, never personal data), and a signed
 * webhook (JSON, Idempotency-Key, HMAC-SHA256 of the raw body in X-Signature).
 */
import { createHmac } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Db } from '../db/connect';
import type { DeliveryChannel, IntakeRow } from '../db/schema';
import type { Partner } from '../../domain/partners';

export class DeliveryError extends Error {
  constructor(message: string, readonly retryAfterMs = 0) {
    super(message);
  }
}

export interface ChannelConfig {
  smtpUrl?: string;
  smtpFrom: string;
  siteUrl?: string;
  env: NodeJS.ProcessEnv;
  webhookTimeoutMs: number;
}

export function channelConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ChannelConfig {
  return {
    smtpUrl: env.SMTP_URL || undefined,
    smtpFrom: env.SMTP_FROM || 'Safe Journey Cambodia <no-reply@localhost>',
    siteUrl: env.SITE_URL || undefined,
    env,
    webhookTimeoutMs: Number(env.WEBHOOK_TIMEOUT_MS ?? 10_000),
  };
}

/** The channels a new request for this partner gets, as configured now. */
export function channelsFor(partner: Partner, config: ChannelConfig): DeliveryChannel[] {
  const channels: DeliveryChannel[] = ['inbox'];
  if (partner.channels.email && config.smtpUrl) channels.push('email');
  if (partner.channels.webhook && config.env[partner.channels.webhook.secretEnv]) channels.push('webhook');
  return channels;
}

export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export function webhookPayload(row: IntakeRow) {
  return {
    id: row.id,
    reference: row.reference,
    partner: row.partner_id,
    createdAt: row.created_at,
    locale: row.locale,
    topic: row.topic,
    province: row.province,
    under18: row.under18 === 1,
    phone: row.phone,
    name: row.name,
    callTime: row.call_time,
    discreet: row.discreet === 1,
    message: row.message,
  };
}

let transporter: Transporter | undefined;

export async function deliver(channel: DeliveryChannel, row: IntakeRow, partner: Partner, store: Db, config: ChannelConfig): Promise<void> {
  switch (channel) {
    case 'inbox': {
      const now = new Date().toISOString();
      await store.db.updateTable('intake_requests').set({ inbox_at: now }).where('id', '=', row.id).where('inbox_at', 'is', null).execute();
      return;
    }
    case 'email': {
      if (!config.smtpUrl || !partner.channels.email) throw new DeliveryError('e-mail is not configured');
      transporter ??= nodemailer.createTransport(config.smtpUrl);
      const link = `${config.siteUrl ?? ''}/partner/requests/${row.id}`;
      await transporter.sendMail({
        from: config.smtpFrom,
        to: partner.channels.email,
        subject: `New request for contact: ${row.reference}`,
        // Only the reference and a link: the details are behind the partner's login.
        text: `A new request for contact was routed to ${partner.name.en}.\n\nReference: ${row.reference}\nOpen it in your inbox: ${link}\n\nThis e-mail holds no personal details on purpose.`,
      });
      return;
    }
    case 'webhook': {
      const hook = partner.channels.webhook;
      const secret = hook && config.env[hook.secretEnv];
      if (!hook || !secret) throw new DeliveryError('webhook is not configured');
      const body = JSON.stringify(webhookPayload(row));
      let response: Response;
      try {
        response = await fetch(hook.url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Idempotency-Key': row.id, 'X-Signature': signBody(body, secret) },
          body,
          signal: AbortSignal.timeout(config.webhookTimeoutMs),
        });
        await response.arrayBuffer().catch(() => undefined);
      } catch (error) {
        throw new DeliveryError(`webhook unreachable: ${(error as Error).name}`);
      }
      if (!response.ok) {
        const retryAfter = Number(response.headers.get('retry-after'));
        throw new DeliveryError(`webhook answered ${response.status}`, Number.isFinite(retryAfter) ? retryAfter * 1000 : 0);
      }
      return;
    }
  }
}
