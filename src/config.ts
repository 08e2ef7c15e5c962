/**
 * Build-time settings (read when `npm run build` runs; see README "Configuration").
 * Runtime settings of the server (PORT, HOST, …) are read in src/server.
 */
export const buildConfig = {
  /** Where "Exit this page" goes: a neutral site that says nothing about this one. */
  quickExitUrl: process.env.QUICK_EXIT_URL || 'https://www.google.com/',
  /** Optional public e-mail for reporting a wrong number (shown on the about page when set). */
  contactEmail: process.env.CONTACT_EMAIL || '',
};
