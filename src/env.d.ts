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
    /** POST /<lang>/help/ without JavaScript: what the answer page shows (src/server/intake/form.ts). */
    helpAnswer?: import('./domain/intakeForm').HelpAnswer;
    /** The HTTP status a route decided for the page it hands to Astro. */
    status?: number;
  }
}
