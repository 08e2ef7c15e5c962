/**
 * What leaves the server when a request reaches a partner (its inbox is the
 * table itself, written with the request): an e-mail notice (SMTP_URL;
 * reference and a link only, never personal data), and a signed webhook
 * (JSON, Idempotency-Key, HMAC-SHA256 of the raw body in X-Signature).
 */
import { createHmac } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../../config';
import type { DeliveryChannel, IntakeRow } from '../db/schema';
import type { Partner } from '../../domain/partners';

export class DeliveryError extends Error {
  constructor(message: string, readonly retryAfterMs = 0) {
    super(message);
  }
}

/** The settings delivery needs (a part of the server's configuration). */
export type ChannelConfig = Pick<Config, 'SMTP_URL' | 'SMTP_FROM' | 'SITE_URL' | 'WEBHOOK_TIMEOUT_MS' | 'webhookSecrets'>;

/** The channels a new request for this partner gets, as configured now. */
export function channelsFor(partner: Partner, config: ChannelConfig): DeliveryChannel[] {
  const channels: DeliveryChannel[] = [];
  if (partner.channels.email && config.SMTP_URL) channels.push('email');
  if (partner.channels.webhook && config.webhookSecrets[partner.channels.webhook.secretEnv]) channels.push('webhook');
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
    // null: not stated — be careful when calling.
    discreet: row.discreet_stated ? row.discreet === 1 : null,
    message: row.message,
  };
}

let transporter: Transporter | undefined;

export async function deliver(channel: DeliveryChannel, row: IntakeRow, partner: Partner, config: ChannelConfig): Promise<void> {
  switch (channel) {
    case 'email': {
      if (!config.SMTP_URL || !partner.channels.email) throw new DeliveryError('e-mail is not configured');
      transporter ??= nodemailer.createTransport(config.SMTP_URL);
      const link = `${config.SITE_URL ?? ''}/partner/requests/${row.id}`;
      await transporter.sendMail({
        from: config.SMTP_FROM,
        to: partner.channels.email,
        subject: `New request for contact: ${row.reference}`,
        // Only the reference and a link: the details are behind the partner's login.
        text: `A new request for contact was routed to ${partner.name.en}.\n\nReference: ${row.reference}\nOpen it in your inbox: ${link}\n\nThis e-mail holds no personal details on purpose.`,
      });
      return;
    }
    case 'webhook': {
      const hook = partner.channels.webhook;
      const secret = hook && config.webhookSecrets[hook.secretEnv];
      if (!hook || !secret) throw new DeliveryError('webhook is not configured');
      const body = JSON.stringify(webhookPayload(row));
      let response: Response;
      try {
        response = await fetch(hook.url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Idempotency-Key': row.id, 'X-Signature': signBody(body, secret) },
          body,
          signal: AbortSignal.timeout(config.WEBHOOK_TIMEOUT_MS),
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
