import type { ReactNode } from 'react';
import { Text } from '@mantine/core';
import type { AuditEntry } from '@client';
import { formatDateTime } from '../../../lib/format.ts';

/** What an entry's target is called: a name, "a deleted account", or null while loading. */
export type NameOf = (ref: string) => string | null | undefined;

const PROVIDERS: Record<string, string> = { google: 'Google', apple: 'Apple', password: 'password' };
const ROLE: Record<string, string> = { admin: 'Admin', user: 'User' };

function Who({ children }: { children: ReactNode }) {
  return (
    <Text span fw={600} inherit>
      {children}
    </Text>
  );
}

/** The target in words: its name once known, what it was if it is gone. */
function target(entry: AuditEntry, nameOf: NameOf): ReactNode {
  const ref = entry.target;
  if (!ref) return 'an unknown account';
  const name = nameOf(ref);
  const kind = ref.split(':')[0];
  if (name === undefined) return kind === 'invite' ? 'an invite' : 'an account';
  if (name === null) return kind === 'invite' ? 'an invite that no longer exists' : 'an account that was since deleted';
  return <Who>{name}</Who>;
}

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}
function change(v: unknown): { from: string; to: string } | null {
  if (v && typeof v === 'object' && 'from' in v && 'to' in v) {
    const { from, to } = v as { from: unknown; to: unknown };
    if (typeof from === 'string' && typeof to === 'string') return { from, to };
  }
  return null;
}

/**
 * One audit entry as a sentence — who did what to whom — so an admin reads the log instead of
 * decoding it. The actions are the server's (`recordAudit` in server/); anything new falls
 * back to a plain sentence naming the action.
 */
export function auditSentence(entry: AuditEntry, nameOf: NameOf): ReactNode {
  const d = entry.detail;
  const viaCli = d.via === 'cli';
  const actor = entry.actor ? <Who>{entry.actor.username}</Who> : viaCli ? 'The command-line tool' : 'Someone';
  const them = target(entry, nameOf);

  switch (entry.action) {
    case 'server.setup':
      return <>{actor} set up this server and became its first admin.</>;
    case 'auth.login_failure_burst': {
      const failures = typeof d.failures === 'number' ? d.failures : 'Several';
      const minutes = typeof d.windowMinutes === 'number' ? d.windowMinutes : 15;
      const ip = str(d.ip);
      const whom = d.knownAccount === false || !entry.target ? 'a username that does not exist' : them;
      return (
        <>
          {failures} failed sign-ins for {whom} within {minutes} minutes{ip ? ` from ${ip}` : ''}.
        </>
      );
    }
    case 'auth.login_locked': {
      const minutes = typeof d.windowMinutes === 'number' ? d.windowMinutes : 15;
      const whom = d.knownAccount === false || !entry.target ? 'a username that does not exist' : them;
      return (
        <>
          Sign-in to {whom} was paused after {typeof d.failures === 'number' ? d.failures : 'too many'} failed attempts;
          it opens again {minutes} minutes after the first attempt.
        </>
      );
    }
    case 'auth.refresh_token_reused':
      return <>A spent refresh token of {actor} was presented again; that session was ended to be safe.</>;
    case 'identity.linked':
      return (
        <>
          {actor} linked their {PROVIDERS[str(d.provider) ?? ''] ?? 'provider'} sign-in.
        </>
      );
    case 'identity.unlinked':
      return (
        <>
          {actor} unlinked their {PROVIDERS[str(d.provider) ?? ''] ?? 'provider'} sign-in.
        </>
      );
    case 'invite.created': {
      const label = str(d.label);
      const parts = [
        typeof d.maxUses === 'number' ? `up to ${d.maxUses} ${d.maxUses === 1 ? 'use' : 'uses'}` : 'unlimited uses',
        str(d.expiresAt) ? `expires ${formatDateTime(str(d.expiresAt)!)}` : 'never expires',
      ];
      return (
        <>
          {actor} created{' '}
          {label ? (
            <>
              invite <Who>“{label}”</Who>
            </>
          ) : (
            'an invite without a label'
          )}{' '}
          ({parts.join(', ')}).
        </>
      );
    }
    case 'invite.revoked':
      return (
        <>
          {actor} revoked {typeof them === 'string' ? them : <>invite {them}</>}.
        </>
      );
    case 'user.changed': {
      const role = change(d.role);
      const status = change(d.status);
      if (role && status) {
        return (
          <>
            {actor} changed the role of {them} to {ROLE[role.to] ?? role.to} and{' '}
            {status.to === 'disabled' ? 'disabled' : 'enabled'} the account.
          </>
        );
      }
      if (role)
        return role.to === 'admin' ? (
          <>
            {actor} made {them} an admin.
          </>
        ) : (
          <>
            {actor} changed the role of {them} from {ROLE[role.from] ?? role.from} to {ROLE[role.to] ?? role.to}.
          </>
        );
      if (status)
        return status.to === 'disabled' ? (
          <>
            {actor} disabled {them}.
          </>
        ) : (
          <>
            {actor} enabled {them} again.
          </>
        );
      return (
        <>
          {actor} changed {them}.
        </>
      );
    }
    case 'user.created_admin':
      return (
        <>
          {actor} created the admin account {them}.
        </>
      );
    case 'user.password_reset':
      return (
        <>
          {actor} reset the password of {them} and ended their sessions.
        </>
      );
    case 'user.deleted':
      return (
        <>
          {actor} deleted {d.role === 'admin' ? 'an admin account' : 'a user account'} and all its data.
        </>
      );
    case 'user.deleted_self':
      return <>{d.role === 'admin' ? 'An admin' : 'A user'} deleted their own account and all its data.</>;
    default:
      return (
        <>
          {actor} — {entry.action.replace(/[._]/g, ' ')}
          {entry.target ? <> on {them}</> : null}.
        </>
      );
  }
}
