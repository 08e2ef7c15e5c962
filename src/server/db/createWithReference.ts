/**
 * Creating a row keyed by the client's id, with a fresh human reference, once:
 * the same id with the same content again is a replay (the same reference),
 * with other content a conflict. Shared by requests for contact and session
 * records; a race between two posts of one id ends the same way.
 */
import { createHash, randomBytes } from 'node:crypto';
import { makeReference } from '../../domain/reference';

export type CreateOutcome<Extra> =
  | ({ outcome: 'created'; reference: string } & Extra)
  | ({ outcome: 'replayed'; reference: string } & Extra)
  | { outcome: 'conflict' };

export function contentHash(canonical: string): string {
  return createHash('sha256').update(canonical).digest('base64url');
}

export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/.test(e?.message ?? '');
}

export async function createWithReference<Extra extends object>(
  hash: string,
  ops: {
    /** The row already stored under this id, if any. */
    find(): Promise<({ content_hash: string; reference: string } & Extra) | undefined>;
    /** Inserts the row (and whatever goes with it) with this reference, in one transaction. */
    insert(reference: string): Promise<Extra>;
  },
): Promise<CreateOutcome<Extra>> {
  const settle = async (): Promise<CreateOutcome<Extra> | undefined> => {
    const row = await ops.find();
    if (!row) return undefined;
    const { content_hash, ...rest } = row;
    return content_hash === hash ? ({ outcome: 'replayed', ...(rest as { reference: string } & Extra) }) : { outcome: 'conflict' };
  };
  // Insert first: a new id (the usual case) costs one statement; a replay or a race shows as a unique violation.
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const reference = makeReference(randomBytes(8));
    try {
      const extra = await ops.insert(reference);
      return { outcome: 'created', reference, ...extra };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // Another post of the same id won the race, or (rarely) the reference was taken.
      const raced = await settle();
      if (raced) return raced;
    }
  }
  throw new Error('could not allocate a unique reference');
}
