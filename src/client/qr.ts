/** Draws the site's QR code (as SVG, offline) into every [data-qr] and its short address into [data-short-url]. */
import QRCode from 'qrcode';

export async function drawQrCodes(address: string, label: (url: string) => string): Promise<void> {
  document.querySelectorAll<HTMLElement>('[data-short-url]').forEach((el) => { el.textContent = address.replace(/^https?:\/\//, '').replace(/\/$/, ''); });
  const svg = await QRCode.toString(address, { type: 'svg', margin: 1, errorCorrectionLevel: 'M', color: { dark: '#000000', light: '#ffffff' } });
  document.querySelectorAll<HTMLElement>('[data-qr]').forEach((el) => {
    el.innerHTML = svg;
    el.setAttribute('role', 'img');
    el.setAttribute('aria-label', label(address));
    el.querySelector('svg')?.setAttribute('aria-hidden', 'true');
  });
}

/** SITE_URL (given at build in data-site-url) when set, else the address this page was loaded from. */
export function siteAddress(element: HTMLElement | null): string {
  return element?.dataset.siteUrl || `${location.origin}/${document.documentElement.lang}/`;
}
