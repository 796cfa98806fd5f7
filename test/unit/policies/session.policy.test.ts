import { describe, expect, it } from 'vitest';
import {
  changeEndsRefreshTokens,
  decideResume,
  mayIssueRefreshToken,
  signsInLimited,
} from '../../../server/policies/session.policy.ts';

describe('session policy (account status → what a sign-in or a refresh gets)', () => {
  // prettier-ignore
  it.each([
    { status: 'active',   refreshToken: true,  limited: false },
    { status: 'disabled', refreshToken: false, limited: true },
  ] as const)('$status: refresh token $refreshToken, limited $limited', ({ status, refreshToken, limited }) => {
    expect(mayIssueRefreshToken({ status })).toBe(refreshToken);
    expect(signsInLimited({ status })).toBe(limited);
  });

  // prettier-ignore
  it.each([
    { before: 'active',   after: 'disabled', ends: true },
    { before: 'active',   after: 'active',   ends: false },
    { before: 'disabled', after: 'disabled', ends: false },
    { before: 'disabled', after: 'active',   ends: false },
  ] as const)('$before → $after ends refresh tokens: $ends', ({ before, after, ends }) => {
    expect(changeEndsRefreshTokens({ status: before }, { status: after })).toBe(ends);
  });

  // a limited session resumes only once the account is active again; a full session's token never does
  // prettier-ignore
  it.each([
    { limited: true,  status: 'active',   decision: 'allow' },
    { limited: true,  status: 'disabled', decision: 'account_disabled' },
    { limited: false, status: 'active',   decision: 'not_limited' },
    { limited: false, status: 'disabled', decision: 'account_disabled' },
  ] as const)('resume of a limited $limited token, account $status: $decision', ({ limited, status, decision }) => {
    expect(decideResume({ limited }, { status })).toBe(decision);
  });
});
