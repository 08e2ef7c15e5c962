/// <reference types="astro/client" />
declare namespace App {
  interface Locals {
    services: import('./server/services').Services;
    /** The connection's address (X-Forwarded-For only with TRUST_PROXY). */
    clientAddress: string;
    /** The signed-in partner staff member, under /partner/. */
    partner?: import('./server/partner/auth').PartnerSession;
  }
}
