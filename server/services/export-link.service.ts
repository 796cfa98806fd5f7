import { createHash, randomBytes } from 'node:crypto';
import type { AppContext } from '../context.ts';
import { errors } from '../errors.ts';
import { newId } from '../ids.ts';
import { authorize } from '../policies/access.policy.ts';
import { insertExportTicket, spendExportTicket } from '../repositories/export-tickets.repository.ts';
import { findUserById } from '../repositories/users.repository.ts';
import { startExport, type ExportDownload, type ExportFormat, type ExportWriter } from './export-data.service.ts';

/** Tickets are stored as their SHA-256 only, like refresh tokens: a database dump cannot download anything. */
function hashTicket(ticket: string): string {
  return createHash('sha256').update(ticket).digest('hex');
}

/** Long enough to follow the link the page just received, too short to be worth stealing from a log or a history. */
export const EXPORT_TICKET_TTL_MS = 60_000;

/**
 * A one-time download ticket for the caller's export: the browser then downloads by following a
 * plain link, to disk, without holding the export in the page and without an Authorization
 * header. 256 random bits; only the SHA-256 is stored.
 */
export async function createExportTicket(
  ctx: AppContext,
  userId: string,
  format: ExportFormat,
): Promise<{ ticket: string; expiresAt: string }> {
  const now = ctx.clock.now();
  const ticket = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + EXPORT_TICKET_TTL_MS).toISOString();
  // one transaction: the insert also clears the user's spent and expired tickets
  await ctx.db.transaction().execute((trx) =>
    insertExportTicket(trx, {
      id: newId(now),
      user_id: userId,
      ticket_hash: hashTicket(ticket),
      format,
      created_at: now.toISOString(),
      expires_at: expiresAt,
    }),
  );
  return { ticket, expiresAt };
}

/**
 * Spends a ticket and starts the export it stands for, exactly as GET /me/export does (recorded
 * in the history when it ends). The account is read again now: what it may do is what its current
 * status allows, and a deleted account (its tickets went with it) or a spent, expired or unknown
 * ticket is not_found.
 */
export async function redeemExportTicket(
  ctx: AppContext,
  ticket: string,
  write: ExportWriter,
): Promise<ExportDownload> {
  const spent = await spendExportTicket(ctx.db, hashTicket(ticket), ctx.clock.now().toISOString());
  if (!spent) throw errors.notFound('download link (it is used once and lives a minute)');
  const user = await findUserById(ctx.db, spent.user_id);
  if (!user) throw errors.notFound('download link (it is used once and lives a minute)');
  authorize(user, 'me:export');
  return startExport(ctx, user.id, spent.format, write);
}
