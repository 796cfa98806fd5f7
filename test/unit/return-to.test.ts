import { describe, expect, it } from 'vitest';
import { safeReturnTo } from '../../contract/web.ts';

describe('returnTo, after the Google web flow and after signing in', () => {
  it('keeps returnTo inside the dashboard', () => {
    expect(safeReturnTo('/settings?tab=1')).toBe('/settings?tab=1');
    expect(safeReturnTo(undefined)).toBe('/');
    for (const bad of [
      'https://evil.example/',
      '//evil.example/x',
      '/\\evil.example',
      'settings',
      '/\tx',
      'javascript:alert(1)',
    ])
      expect(safeReturnTo(bad)).toBe('/');
  });
});
