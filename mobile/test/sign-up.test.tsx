import { ADMIN, connectToServer, fireEvent, openApp, press, screen, type, waitFor } from './app';
import { call, createInvite, createPerson, revokeInvite, uniqueName } from './server-api';

/** "K7QXM4RTPW9HJZA" as a person might type it from a message: lower case, spaces, dashes. */
const sloppy = (code: string) =>
  `${code.slice(0, 5).toLowerCase()} ${code.slice(5, 10)}-${code.slice(10).toLowerCase()}`;

async function openSignUp() {
  await openApp();
  await connectToServer();
  await fireEvent.press(screen.getByRole('link', { name: 'Create account' }));
  await screen.findByRole('header', { name: 'Create account' });
}

describe('Create account with an invite code', () => {
  it('takes a code typed by hand in any case with spaces and dashes, says it is valid, and signs the person in', async () => {
    const invite = await createInvite({ label: 'typed by hand', maxUses: 1 });
    await openSignUp();
    expect(screen.getByRole('button', { name: 'Create account' })).toBeDisabled();
    await type('Invite code', sloppy(invite.code));
    expect(await screen.findByText('This invite code is valid.')).toBeTruthy();
    const username = uniqueName('typed');
    await type('Username', username);
    await type('Password', 'a long enough passphrase');
    await press('Create account');
    expect(await screen.findByRole('header', { name: `Hello, ${username}` })).toBeTruthy();
    // the server counted the use against this invite
    const token = (await call<{ accessToken: string }>('POST', '/api/v1/auth/login', null, ADMIN)).accessToken;
    const detail = await call<{ uses: number; users: { username: string }[] }>(
      'GET',
      `/api/v1/admin/invites/${invite.id}`,
      token,
    );
    expect(detail.uses).toBe(1);
    expect(detail.users.map((u) => u.username)).toEqual([username]);
  });

  it.each([
    [
      'not valid',
      async () => 'ABCDE-FGHJK-MNPQR',
      'This invite is not valid. Check the code for typos, or ask for a new link.',
    ],
    [
      'revoked',
      async () => {
        const invite = await createInvite();
        await revokeInvite(invite.id);
        return invite.code;
      },
      'This invite was revoked by an admin. Ask for a new one.',
    ],
    [
      'used up',
      async () => {
        const invite = await createInvite({ maxUses: 1 });
        await call('POST', '/api/v1/auth/register', null, {
          username: uniqueName('first'),
          password: 'a long enough passphrase',
          inviteCode: invite.code,
        });
        return invite.code;
      },
      'This invite has been used up: it reached its maximum number of uses.',
    ],
    [
      'expired',
      async () => {
        const invite = await createInvite({ expiresAt: new Date(Date.now() + 1500).toISOString() });
        await new Promise((r) => setTimeout(r, 2000));
        return invite.code;
      },
      'This invite has expired. Ask the person who sent it for a new one.',
    ],
  ])('explains a %s code in words, and does not let the person try', async (_, makeCode, words) => {
    const code = await makeCode();
    await openSignUp();
    await type('Invite code', code);
    expect(await screen.findByText(words)).toBeTruthy();
    await type('Username', uniqueName('refused'));
    await type('Password', 'a long enough passphrase');
    expect(screen.getByRole('button', { name: 'Create account' })).toBeDisabled();
  });

  it('an invite link opens Create account with the code filled in, asking for the server first on a new phone', async () => {
    const invite = await createInvite({ maxUses: 1 });
    await openApp(`/register?invite=${invite.code}`);
    await screen.findByText('Your Baseline server');
    await type('Server address', process.env.BASELINE_TEST_SERVER!);
    await press('Connect');
    await screen.findByRole('header', { name: 'Create account' });
    expect(screen.getByLabelText('Invite code').props.value).toBe(invite.code);
    expect(await screen.findByText('This invite code is valid.')).toBeTruthy();
  });

  it('says why the server refused: a username already taken', async () => {
    const taken = await createPerson('taken');
    const invite = await createInvite({ maxUses: 1 });
    await openSignUp();
    await type('Invite code', invite.code);
    await screen.findByText('This invite code is valid.');
    await type('Username', taken.username.toUpperCase());
    await type('Password', 'a long enough passphrase');
    await press('Create account');
    expect(await screen.findByText('That username is already taken. Pick another.')).toBeTruthy();
    await waitFor(() => expect(screen.getByRole('button', { name: 'Create account' })).toBeEnabled());
  });
});
