import { GRANT_ADMIN_WARNING } from '@client';
import { configure, within } from 'expo-router/testing-library';
import { DELETE_TITLE, DELETE_WARNING, SELF_EXPLANATION, SELF_TITLE } from '../src/features/admin/words';
import {
  ADMIN,
  connectToServer,
  fireEvent,
  openAppSignedIn,
  openApp,
  press,
  screen,
  signIn,
  type,
  waitFor,
} from './app';
import { changeUser, createPerson, getUser, login } from './server-api';

// a real server on a busy machine: give each screen a few seconds to answer
configure({ asyncUtilTimeout: 5000 });

/** A person's card in the Users list: its accessible name starts with the username. */
const card = (username: string) => new RegExp(`^${username},`);

async function serverSays(id: string) {
  const { body } = await getUser(id);
  return body as { role: string; status: string };
}

describe('Settings → User Management → Users', () => {
  it('is absent from Settings for a person who is not an admin', async () => {
    const person = await createPerson('plain');
    await openApp();
    await connectToServer();
    await signIn(person.username, person.password);
    await screen.findByRole('header', { name: `Hello, ${person.username}` });
    await press('Settings');
    await screen.findByRole('header', { name: 'Settings' });
    expect(screen.getByRole('button', { name: 'Account' })).toBeTruthy();
    expect(screen.queryByText('User Management')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Users' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Invites' })).toBeNull();
  });

  it('refuses /settings/users to a person who is not an admin, in words', async () => {
    const person = await createPerson('plain');
    await openAppSignedIn(person, '/settings/users');
    expect(await screen.findByText('Only admins can open User Management')).toBeTruthy();
    expect(screen.getByText(new RegExp(`signed in as ${person.username}, who is not an admin`))).toBeTruthy();
    expect(screen.queryByLabelText('Search users')).toBeNull();
  });

  it('lets the admin open Users from Settings and find a person by name', async () => {
    const person = await createPerson('findme');
    await openAppSignedIn(ADMIN, '/settings');
    await fireEvent.press(await screen.findByRole('button', { name: 'Users' }));
    await screen.findByRole('button', { name: card(ADMIN.username) });
    // the own card says so; cards show methods, role, status and last sign-in
    expect(screen.getByRole('button', { name: card(ADMIN.username) })).toHaveAccessibleName(
      new RegExp(`^${ADMIN.username}, you, Admin, Active, Password, last sign-in`),
    );

    await type('Search users', person.username);
    await screen.findByRole('button', { name: card(person.username) });
    await waitFor(() => expect(screen.queryByRole('button', { name: card(ADMIN.username) })).toBeNull());
    expect(screen.getByRole('button', { name: card(person.username) })).toHaveAccessibleName(
      new RegExp(`^${person.username}, User, Active, Password, `),
    );

    await type('Search users', `${person.username}-nobody`);
    expect(await screen.findByText(`No users match “${person.username}-nobody”`)).toBeTruthy();
    await press('Clear search');
    await screen.findByRole('button', { name: card(ADMIN.username) });

    await type('Search users', person.username);
    await press(card(person.username));
    expect(await screen.findByRole('header', { name: person.username })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'User' })).toBeSelected();
    expect(screen.getByLabelText(`Invited by: ${ADMIN.username}, with an invite without a label`)).toBeTruthy();

    // the invite they registered with is one tap away
    await press('Open the invite');
    expect(await screen.findByLabelText('State: Used up')).toBeTruthy();
    expect(screen.getByText('1 / 1')).toBeTruthy();
    expect(screen.getByLabelText(new RegExp(`^${person.username}, joined `))).toBeTruthy();
  });

  it('promotes a person only after the warning, then demotes them at once', async () => {
    const person = await createPerson('promote');
    await openAppSignedIn(ADMIN, `/settings/users/${person.id}`);
    await screen.findByRole('header', { name: person.username });
    expect(screen.getByRole('button', { name: 'User' })).toBeSelected();

    // asking first: cancelling changes nothing
    await press('Admin');
    expect(await screen.findByText(GRANT_ADMIN_WARNING)).toBeTruthy();
    expect(screen.getByRole('header', { name: `Make ${person.username} an admin?` })).toBeTruthy();
    await press('Cancel');
    await waitFor(() => expect(screen.queryByText(GRANT_ADMIN_WARNING)).toBeNull());
    expect((await serverSays(person.id)).role).toBe('user');

    await press('Admin');
    await screen.findByText(GRANT_ADMIN_WARNING);
    expect((await serverSays(person.id)).role).toBe('user');
    await press('Grant admin access');
    expect(await screen.findByText(`${person.username} is now an admin.`)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Admin' })).toBeSelected();
    expect((await serverSays(person.id)).role).toBe('admin');

    // demoting is reversible: no question
    await press('User');
    expect(await screen.findByText(`${person.username} is now a user.`)).toBeTruthy();
    expect(screen.queryByText(GRANT_ADMIN_WARNING)).toBeNull();
    expect(screen.getByRole('button', { name: 'User' })).toBeSelected();
    expect((await serverSays(person.id)).role).toBe('user');
  });

  it('disables a person after confirming, and enables them again', async () => {
    const person = await createPerson('disable');
    await openAppSignedIn(ADMIN, `/settings/users/${person.id}`);
    await screen.findByRole('header', { name: person.username });
    expect(screen.getByText('Active')).toBeTruthy();

    await press('Disable');
    expect(await screen.findByRole('header', { name: `Disable ${person.username}?` })).toBeTruthy();
    expect((await serverSays(person.id)).status).toBe('active');
    await press(`Disable ${person.username}`);
    expect(await screen.findByText(`${person.username} is disabled. Nothing was deleted.`)).toBeTruthy();
    expect(screen.getByText('Disabled')).toBeTruthy();
    expect((await serverSays(person.id)).status).toBe('disabled');
    // the person's own sign-in now gives only a limited token
    expect((await login(person.username, person.password)) as unknown).toMatchObject({ limited: true });

    await press('Enable');
    expect(await screen.findByText(`${person.username} is enabled again.`)).toBeTruthy();
    expect(screen.getByText('Active')).toBeTruthy();
    expect((await serverSays(person.id)).status).toBe('active');
  });

  it('shows the admin’s own account the sentence instead of Disable and Delete', async () => {
    const me = await login(ADMIN.username, ADMIN.password);
    await openAppSignedIn(ADMIN, `/settings/users/${me.user.id}`);
    await screen.findByRole('header', { name: ADMIN.username });
    expect(screen.getByText(SELF_TITLE)).toBeTruthy();
    expect(screen.getByText(SELF_EXPLANATION)).toBeTruthy();
    expect(screen.getByText('You')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Disable' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Enable' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Delete' })).toBeNull();
  });

  it('Delete: says what is lost, stays disabled until the username is typed, and offers Disable instead', async () => {
    const person = await createPerson('keep');
    await openAppSignedIn(ADMIN, `/settings/users/${person.id}`);
    await screen.findByRole('header', { name: person.username });

    await press('Delete');
    expect(await screen.findByRole('header', { name: `Delete ${person.username}?` })).toBeTruthy();
    expect(screen.getByText(DELETE_TITLE)).toBeTruthy();
    expect(screen.getByText(DELETE_WARNING)).toBeTruthy();
    expect(screen.getByText('Disable before deleting')).toBeTruthy();
    expect(screen.getByText('Their data')).toBeTruthy();
    const confirm = screen.getByRole('button', { name: `Delete ${person.username}` });
    expect(confirm).toBeDisabled();
    await type(`Type ${person.username} to confirm`, person.username.slice(0, -1));
    expect(screen.getByRole('button', { name: `Delete ${person.username}` })).toBeDisabled();

    await press(`Disable ${person.username} instead`);
    expect(await screen.findByText(`${person.username} is disabled. Nothing was deleted.`)).toBeTruthy();
    await waitFor(() => expect(screen.queryByText(DELETE_WARNING)).toBeNull());
    expect(await getUser(person.id)).toMatchObject({ status: 200, body: { status: 'disabled' } });

    // a disabled person is not offered Disable again
    await press('Delete');
    await screen.findByText(DELETE_WARNING);
    expect(screen.getByText(new RegExp(`^${person.username} is already disabled`))).toBeTruthy();
    expect(screen.queryByRole('button', { name: `Disable ${person.username} instead` })).toBeNull();
    await press('Cancel');
    await waitFor(() => expect(screen.queryByText(DELETE_WARNING)).toBeNull());
    expect((await getUser(person.id)).status).toBe(200);
  });

  it('Delete: typing the username enables it, and the account is gone from the server', async () => {
    const person = await createPerson('gone');
    await openAppSignedIn(ADMIN, `/settings/users/${person.id}`);
    await screen.findByRole('header', { name: person.username });
    await press('Delete');
    await screen.findByText(DELETE_WARNING);
    await type(`Type ${person.username} to confirm`, person.username);
    expect(screen.getByRole('button', { name: `Delete ${person.username}` })).toBeEnabled();
    expect((await getUser(person.id)).status).toBe(200);

    await press(`Delete ${person.username}`);
    expect(await screen.findByText(`${person.username} and all their data were deleted.`)).toBeTruthy();
    expect((await getUser(person.id)).status).toBe(404);
  });

  it('says in words when the server refuses: an admin demoted by someone else meanwhile', async () => {
    const other = await createPerson('demoted');
    const target = await createPerson('target');
    await changeUser(other.id, { role: 'admin' });
    await openAppSignedIn(other, `/settings/users/${target.id}`);
    await screen.findByRole('header', { name: target.username });

    await changeUser(other.id, { role: 'user' });
    await press('Disable');
    await press(`Disable ${target.username}`);
    // the dialog stays open and says why, in words
    const dialog = screen.getByRole('header', { name: `Disable ${target.username}?` }).parent!;
    expect(await within(dialog).findByText('You are not allowed to do this.')).toBeTruthy();
    expect(screen.getByRole('header', { name: `Disable ${target.username}?` })).toBeTruthy();
    expect((await serverSays(target.id)).status).toBe('active');
  });
});
