import { Alert, Stack } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { messageForCode } from '@client';
import { PageHeader } from '../../../components/page-header.tsx';
import { useCurrentUser } from '../../../lib/session.ts';
import { DeleteAccountSection } from '../components/delete-account-section.tsx';
import { ExportSection } from '../components/export-section.tsx';
import { PasswordSection } from '../components/password-section.tsx';
import { ProfileSection } from '../components/profile-section.tsx';
import { SectionCard } from '../components/section-card.tsx';
import { SessionsSection } from '../components/sessions-section.tsx';
import { SignInMethodsSection } from '../components/sign-in-methods-section.tsx';

/** What came back from linking Google in this browser (`?linked=google` or `?error=<code>`), in words. */
function LinkOutcome() {
  const [params, setParams] = useSearchParams();
  const linked = params.get('linked');
  const error = params.get('error');
  if (!linked && !error) return null;
  const dismiss = () => setParams({}, { replace: true });
  return linked === 'google' ? (
    <Alert color="teal" title="Google is linked" withCloseButton closeButtonLabel="Dismiss" onClose={dismiss}>
      You can now sign in with your Google account too.
    </Alert>
  ) : (
    <Alert
      color="red"
      title="Google was not linked"
      role="alert"
      withCloseButton
      closeButtonLabel="Dismiss"
      onClose={dismiss}
    >
      {messageForCode(error ?? '')}
    </Alert>
  );
}

/** Settings → Account: everything about your own account, from your email to deleting it. */
export default function AccountPage() {
  const user = useCurrentUser();
  return (
    <Stack maw={760} gap="lg">
      <PageHeader
        title="Account"
        description="Your profile, how you sign in, where you are signed in, and your data."
      />
      <LinkOutcome />
      <SectionCard title="Profile">
        <ProfileSection user={user} />
      </SectionCard>
      <SectionCard
        title="Password"
        description={
          user.authMethods.includes('password')
            ? 'Changing your password signs out every other device.'
            : 'Your account has no password: you sign in with Google or Apple. Set one to sign in with your username too. Every other device is signed out.'
        }
      >
        <PasswordSection user={user} />
      </SectionCard>
      <SectionCard title="Sign-in methods" description="The ways you can sign in to this account.">
        <SignInMethodsSection user={user} />
      </SectionCard>
      <SectionCard
        title="Sessions"
        description="Devices where you are signed in. End any session you do not recognise."
      >
        <SessionsSection />
      </SectionCard>
      <SectionCard
        title="Export my data"
        description="Download everything you have stored in Baseline. Each export is listed in the history below."
      >
        <ExportSection />
      </SectionCard>
      <SectionCard title="Delete my account" danger>
        <DeleteAccountSection user={user} />
      </SectionCard>
    </Stack>
  );
}
