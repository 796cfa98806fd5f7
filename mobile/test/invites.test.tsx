import * as Clipboard from 'expo-clipboard';
import { router } from 'expo-router';
import { act, configure, within } from 'expo-router/testing-library';
import { Share } from 'react-native';
import { REVOKE_BODY, REVOKE_TITLE } from '../src/features/admin/words';
import { ADMIN, SERVER, fireEvent, openAppSignedIn, press, screen, type, waitFor } from './app';
import { adminToken, call, createInvite, createPerson, getUser, revokeInvite, uniqueName } from './server-api';

interface ListedInvite {
  id: string;
  code: string;
  link: string;
  label: string | null;
  maxUses: number | null;
  uses: number;
  expiresAt: string | null;
  state: string;
}

const listInvites = async (query = '') =>
  call<{ items: ListedInvite[] }>('GET', `/api/v1/admin/invites${query}`, await adminToken());

/** An invite's card in the list: its accessible name starts with its label. */
const card = (label: string) => new RegExp(`^${label}, `);

/** Pulls the list down, as a thumb would: its RefreshControl asks the server again. */
async function pullToRefresh() {
  const lists = screen.root!.queryAll((node) => node.type === 'RCTScrollView' && !!node.props.refreshControl);
  const list = lists.at(-1);
  if (!list) throw new Error('no list to pull');
  const control = list.props.refreshControl as { props: { onRefresh: () => void } };
  await act(async () => control.props.onRefresh());
}

// a real server on a busy machine: give each screen a few seconds to answer
configure({ asyncUtilTimeout: 5000 });
afterEach(() => jest.restoreAllMocks());

describe('Settings → User Management → Invites', () => {
  it('lists the server’s invites newest first — or says No invites yet — Create Invite', async () => {
    const { items } = await listInvites();
    await openAppSignedIn(ADMIN, '/settings/invites');
    await screen.findByRole('button', { name: 'Create Invite' });
    if (items.length === 0) {
      // a fresh server (this file alone)
      expect(await screen.findByText('No invites yet — Create Invite')).toBeTruthy();
    } else {
      const newest = items[0]!;
      expect(await screen.findByText(newest.code)).toBeTruthy();
      expect(screen.queryByText('No invites yet — Create Invite')).toBeNull();
    }
    // an invite made elsewhere (on the dashboard) appears on top once the list is pulled down
    const label = uniqueName('listed');
    const made = await createInvite({ label, maxUses: 5 });
    await pullToRefresh();
    const listed = await screen.findByRole('button', { name: card(label) });
    expect(listed).toHaveAccessibleName(new RegExp(`^${label}, Active, 0 of 5 uses, never expires$`));
    expect(within(listed).getByText(made.code)).toBeTruthy();
    expect(within(listed).getByText('0 / 5')).toBeTruthy();
    expect(within(listed).getByText('Active')).toBeTruthy();
    expect(screen.queryByText('No invites yet — Create Invite')).toBeNull();
  });

  it('filters by state: Revoked shows revoked invites only, or says there are none', async () => {
    const active = await createInvite({ label: uniqueName('stillactive') });
    const revoked = await createInvite({ label: uniqueName('wasrevoked') });
    await revokeInvite(revoked.id);
    await openAppSignedIn(ADMIN, '/settings/invites');
    await screen.findByText(active.code);
    await press('Revoked');
    expect(await screen.findByText(revoked.code)).toBeTruthy();
    await waitFor(() => expect(screen.queryByText(active.code)).toBeNull());
    await press('Expired');
    const { items: expired } = await listInvites('?state=expired');
    if (expired.length === 0) expect(await screen.findByText('No expired invites')).toBeTruthy();
    else expect(await screen.findByText(expired[0]!.code)).toBeTruthy();
    await waitFor(() => expect(screen.queryByText(revoked.code)).toBeNull());
  });

  it('creates an invite for Alex, shares and copies it, lists who registered, and revokes it', async () => {
    const share = jest.spyOn(Share, 'share').mockResolvedValue({ action: Share.sharedAction });
    const copy = jest.spyOn(Clipboard, 'setStringAsync').mockResolvedValue(true);
    await openAppSignedIn(ADMIN, '/settings/invites');
    await press('Create Invite');
    await screen.findByLabelText('Label (optional)');

    // maximum uses: a whole number from 1, or blank
    await type('Maximum uses (optional)', 'two');
    expect(screen.getByText(/Enter a whole number from 1/)).toBeTruthy();
    await type('Maximum uses (optional)', '0');
    expect(screen.getByText(/Enter a whole number from 1/)).toBeTruthy();
    await type('Maximum uses (optional)', '2');
    expect(screen.queryByText(/Enter a whole number from 1/)).toBeNull();
    await type('Label (optional)', 'for Alex');
    await press('30 days');
    expect(screen.getByRole('button', { name: '30 days' })).toBeSelected();
    await press('7 days');
    expect(screen.getByRole('button', { name: '7 days' })).toBeSelected();
    expect(screen.getByText(/^The link works for up to 2 people until /)).toBeTruthy();
    const before = Date.now();
    await press('Create Invite');

    // the new invite opens
    expect(await screen.findByRole('header', { name: 'for Alex' })).toBeTruthy();
    expect(screen.getByText('0 / 2')).toBeTruthy();
    expect(screen.getByLabelText('State: Active')).toBeTruthy();
    expect(screen.getByText('Active')).toBeTruthy();
    expect(screen.getByText('expires in 7 days')).toBeTruthy();
    const [invite] = (await listInvites()).items;
    expect(invite).toMatchObject({ label: 'for Alex', maxUses: 2, uses: 0, state: 'active' });
    const expiresIn = Date.parse(invite!.expiresAt!) - before;
    expect(expiresIn).toBeGreaterThan(7 * 86_400_000 - 60_000);
    expect(expiresIn).toBeLessThan(7 * 86_400_000 + 60_000);
    expect(screen.getByText(invite!.code)).toBeTruthy();

    // Share link: the share sheet gets the link that opens Create account with the code
    await press('Share link');
    expect(share).toHaveBeenCalledTimes(1);
    expect(invite!.link).toBe(`${SERVER}/register?invite=${invite!.code}`);
    expect(share).toHaveBeenCalledWith({ message: invite!.link, url: invite!.link });

    // Copy code
    await press('Copy code');
    expect(copy).toHaveBeenCalledWith(invite!.code);
    expect(await screen.findByText(`Code ${invite!.code} copied.`)).toBeTruthy();
    expect(
      screen.getByText('Nobody has registered with this invite yet. Share the link with the person you invite.'),
    ).toBeTruthy();

    // someone registers with it; the admin opens the invite again
    const alex = uniqueName('alex');
    await call('POST', '/api/v1/auth/register', null, {
      username: alex,
      password: 'a long enough passphrase',
      inviteCode: invite!.code,
    });
    await act(async () => router.back());
    await fireEvent.press(await screen.findByRole('button', { name: card('for Alex') }));
    expect(await screen.findByText(alex)).toBeTruthy();
    expect(screen.getByText('1 / 2')).toBeTruthy();
    expect(screen.getByText('joined a few seconds ago')).toBeTruthy();

    // Revoke asks first
    await press('Revoke');
    expect(await screen.findByRole('header', { name: REVOKE_TITLE })).toBeTruthy();
    expect(screen.getByText(REVOKE_BODY)).toBeTruthy();
    expect(screen.getByText('Invite “for Alex”, 1 of 2 uses.')).toBeTruthy();
    expect(await call('GET', `/api/v1/invites/${invite!.code}`, null)).toEqual({ valid: true, reason: null });
    await press('Revoke invite');
    expect(await screen.findByText('Invite revoked. The link no longer works.')).toBeTruthy();
    await waitFor(() => expect(screen.getByLabelText('State: Revoked')).toBeTruthy());
    expect(screen.getAllByText('Revoked')).toHaveLength(2); // the state badge, and when it was revoked
    expect(screen.queryByRole('button', { name: 'Share link' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Revoke' })).toBeNull();
    expect(screen.getByText(alex)).toBeTruthy();
    expect(await call('GET', `/api/v1/invites/${invite!.code}`, null)).toEqual({ valid: false, reason: 'revoked' });
  });

  it('creates an unlimited invite that never expires: uses read “0 / ∞”', async () => {
    const label = uniqueName('open');
    await openAppSignedIn(ADMIN, '/settings/invites/new');
    await type('Label (optional)', label);
    await press('Never');
    expect(screen.getByText('The link works for any number of people and never expires.')).toBeTruthy();
    await press('Create Invite');
    expect(await screen.findByRole('header', { name: label })).toBeTruthy();
    expect(screen.getByText('0 / ∞')).toBeTruthy();
    expect(screen.getByText('never expires')).toBeTruthy();
    const { items } = await listInvites();
    expect(items.find((i) => i.label === label)).toMatchObject({ maxUses: null, expiresAt: null, state: 'active' });
  });

  it('shows a person who registered with an invite made elsewhere', async () => {
    const person = await createPerson('joined');
    const { body } = await getUser(person.id);
    const invite = (body as { invite: { id: string } }).invite;
    await openAppSignedIn(ADMIN, `/settings/invites/${invite.id}`);
    expect(await screen.findByText('1 / 1')).toBeTruthy();
    expect(screen.getByLabelText('State: Used up')).toBeTruthy();
    expect(screen.getByText('Used up')).toBeTruthy();
    expect(screen.getByText(person.username)).toBeTruthy();
    expect(screen.getByText('No label')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Share link' })).toBeNull();
  });
});
