/// <reference types="astro/client" />
declare namespace App {
  interface Locals {
    /** Set by the dispatcher (src/server/http/dispatch.ts) for on-demand pages. */
    app: import('./server/context').AppContext;
    /** The connection's address (X-Forwarded-For only with TRUST_PROXY). */
    clientAddress: string;
    /** The request came over HTTPS (the socket, or X-Forwarded-Proto with TRUST_PROXY). */
    https: boolean;
    /** The signed-in partner staff member, under /partner/ (checked by the partner policy). */
    partner?: import('./server/partner/auth').PartnerSession;
  }
}
