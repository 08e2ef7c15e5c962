/**
 * npm run partner -- <command>
 *   add-user --org ORG_ID --email E     (password from standard input or PARTNER_PASSWORD, never the command line)
 *   list-users [--org ORG_ID]
 *   disable-user --email E
 *   reset-password --email E            (password as for add-user)
 *   grant-reviewer --email E            (may review the Khmer text at /partner/review/)
 *   revoke-reviewer --email E
 */
import { parseArgs } from 'node:util';
import { createUser, normaliseEmail, setPassword } from './partner/auth';
import { passwordMessage, passwordProblem } from './partner/passwords';
import { startUp } from './start';
import { setReviewer } from './review/store';

function fail(message: string): never {
  process.stderr.write(`partner: ${message}\n`);
  process.exit(1);
}

async function readPassword(): Promise<string> {
  if (config.PARTNER_PASSWORD) return config.PARTNER_PASSWORD;
  if (process.stdin.isTTY) process.stderr.write('Password (then Enter): ');
  let input = '';
  for await (const chunk of process.stdin) {
    input += chunk;
    if (input.includes('\n')) break;
  }
  return input.split(/\r?\n/)[0] ?? '';
}

const [command, ...rest] = process.argv.slice(2);
const { values } = parseArgs({ args: rest, options: { org: { type: 'string' }, email: { type: 'string' } }, strict: true });
const { config, store, directory } = await startUp();
try {
  switch (command) {
    case 'add-user': {
      const partners = directory.partners;
      if (!values.org || !partners.some((p) => p.id === values.org)) fail(`unknown organisation "${values.org ?? ''}": use the id of a file in content/partners/ (${partners.map((p) => p.id).join(', ')})`);
      if (!values.email || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(values.email)) fail('give --email with an e-mail address');
      const password = await readPassword();
      const problem = passwordProblem(password, { email: values.email, orgId: values.org! });
      if (problem) fail(passwordMessage(problem));
      const exists = await store.db.selectFrom('partner_users').select('id').where('email', '=', normaliseEmail(values.email)).executeTakeFirst();
      if (exists) fail(`${values.email} already has an account`);
      await createUser(store, { orgId: values.org, email: values.email, password });
      process.stdout.write(`added ${normaliseEmail(values.email)} to ${values.org}\n`);
      break;
    }
    case 'list-users': {
      let query = store.db.selectFrom('partner_users').select(['email', 'org_id', 'disabled', 'locked_until', 'created_at', 'reviewer']).orderBy('org_id').orderBy('email');
      if (values.org) query = query.where('org_id', '=', values.org);
      for (const u of await query.execute()) process.stdout.write(`${u.org_id}\t${u.email}\t${u.disabled ? 'disabled' : 'active'}${u.locked_until && u.locked_until > new Date().toISOString() ? ' (locked)' : ''}\t${u.created_at}${Number(u.reviewer) ? '\treviewer' : ''}\n`);
      break;
    }
    case 'disable-user': {
      if (!values.email) fail('give --email');
      const result = await store.db.updateTable('partner_users').set({ disabled: 1 }).where('email', '=', normaliseEmail(values.email)).executeTakeFirst();
      if (!Number(result.numUpdatedRows)) fail(`no account ${values.email}`);
      await store.db.deleteFrom('partner_sessions').where('user_id', 'in', store.db.selectFrom('partner_users').select('id').where('email', '=', normaliseEmail(values.email))).execute();
      process.stdout.write(`disabled ${normaliseEmail(values.email)}\n`);
      break;
    }
    case 'reset-password': {
      if (!values.email) fail('give --email');
      const password = await readPassword();
      let found: boolean;
      try {
        found = await setPassword(store, values.email, password);
      } catch (error) {
        fail((error as Error).message); // the password's problem, in both languages
      }
      if (!found) fail(`no account ${values.email}`);
      process.stdout.write(`password reset for ${normaliseEmail(values.email)}\n`);
      break;
    }
    case 'grant-reviewer':
    case 'revoke-reviewer': {
      if (!values.email) fail('give --email');
      const granted = command === 'grant-reviewer';
      if (!(await setReviewer(store, values.email, granted))) fail(`no account ${values.email}`);
      process.stdout.write(`${normaliseEmail(values.email)} ${granted ? 'may now review the Khmer text at /partner/review/' : 'no longer reviews the Khmer text'}\n`);
      break;
    }
    default:
      fail('commands: add-user --org ORG_ID --email E | list-users [--org ORG_ID] | disable-user --email E | reset-password --email E | grant-reviewer --email E | revoke-reviewer --email E');
  }
} finally {
  await store.close();
}
