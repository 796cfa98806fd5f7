import { ADMIN, connectToServer, openApp, screen, signIn } from './app';

describe('Sign in', () => {
  it('asks for the server first, then signs the admin in to Home', async () => {
    await openApp();
    await connectToServer();
    expect(screen.getByText(/127\.0\.0\.1/)).toBeTruthy();
    await signIn(ADMIN.username, ADMIN.password);
    expect(await screen.findByRole('header', { name: `Hello, ${ADMIN.username}` })).toBeTruthy();
  });
});
