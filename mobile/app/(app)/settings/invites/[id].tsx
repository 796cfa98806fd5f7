import * as Clipboard from 'expo-clipboard';
import { Stack, useLocalSearchParams } from 'expo-router';
import { useState } from 'react';
import { RefreshControl, ScrollView, Share, StyleSheet, Text, View } from 'react-native';
import { INVITE_STATE_LABELS, inviteUses, messageFor, type InviteDetail } from '@client';
import { Button } from '../../../../src/components/button';
import { ConfirmDialog } from '../../../../src/components/confirm-dialog';
import { Notice } from '../../../../src/components/notice';
import { Section } from '../../../../src/components/screen';
import { colors, space } from '../../../../src/components/theme';
import { relative } from '../../../../src/lib/format';
import { AdminOnly } from '../../../../src/features/admin/admin-only';
import { useInviteDetail, useRevokeInvite } from '../../../../src/features/admin/api';
import { InviteCode, InviteStateBadge } from '../../../../src/features/admin/invite-parts';
import { Fact } from '../../../../src/features/admin/fact';
import { Loaded } from '../../../../src/features/admin/loaded';
import { expiryText, inviteName, REVOKE_BODY, REVOKE_TITLE, usesSpoken } from '../../../../src/features/admin/words';

/** One invite: its facts, Share link / Copy code while it works, Revoke, and who registered with it. */
export default function InviteScreen() {
  return (
    <AdminOnly title="Invite">
      <InviteDetailView />
    </AdminOnly>
  );
}

function InviteDetailView() {
  const { id = '' } = useLocalSearchParams<{ id: string }>();
  const invite = useInviteDetail(id);
  return (
    <ScrollView
      contentContainerStyle={styles.content}
      contentInsetAdjustmentBehavior="automatic"
      refreshControl={
        <RefreshControl
          refreshing={invite.isRefetching}
          onRefresh={() => void invite.refetch()}
          tintColor={colors.accent}
        />
      }
    >
      <Stack.Screen options={{ title: invite.data ? `Invite ${inviteName(invite.data)}` : 'Invite' }} />
      <Loaded query={invite} loadingLabel="Loading the invite…">
        {(data) => <InviteBody invite={data} />}
      </Loaded>
    </ScrollView>
  );
}

function InviteBody({ invite }: { invite: InviteDetail }) {
  const revoke = useRevokeInvite();
  const [asking, setAsking] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const [shareError, setShareError] = useState<string | null>(null);

  const share = async () => {
    setShareError(null);
    try {
      // iOS shares `url` (a tappable link) and Android `message`: both carry the link
      await Share.share({ message: invite.link, url: invite.link });
    } catch {
      setShareError('The share sheet could not open. Copy the code instead.');
    }
  };
  const copy = async () => {
    await Clipboard.setStringAsync(invite.code);
    setNote(`Code ${invite.code} copied.`);
  };
  const confirmRevoke = () =>
    revoke.mutate(invite.id, {
      onSuccess: () => {
        setAsking(false);
        setNote('Invite revoked. The link no longer works.');
      },
    });

  return (
    <>
      <Section>
        <Text accessibilityRole="header" style={[styles.name, !invite.label && styles.noLabel]}>
          {invite.label ?? 'No label'}
        </Text>
        <Fact label="State" spoken={INVITE_STATE_LABELS[invite.state]}>
          <InviteStateBadge state={invite.state} />
        </Fact>
        <Fact label="Code" spoken={invite.code.split('').join(' ')}>
          <InviteCode code={invite.code} />
        </Fact>
        <Fact label="Uses" value={inviteUses(invite)} spoken={usesSpoken(invite)} />
        <Fact label="Expires" value={expiryText(invite.expiresAt)} at={invite.expiresAt} />
        <Fact
          label="Created"
          value={`${relative(invite.createdAt)}${invite.createdBy ? ` by ${invite.createdBy.username}` : ''}`}
          at={invite.createdAt}
        />
        {invite.revokedAt ? <Fact label="Revoked" value={relative(invite.revokedAt)} at={invite.revokedAt} /> : null}
        {note ? <Notice tone="success">{note}</Notice> : null}
      </Section>

      {invite.state === 'active' ? (
        <Section title="Send it">
          <Text style={styles.link} selectable>
            {invite.link}
          </Text>
          <Text style={styles.dimmed}>The link opens Create account with the code filled in.</Text>
          <Button label="Share link" onPress={() => void share()} />
          <Button label="Copy code" variant="secondary" onPress={() => void copy()} />
          {shareError ? <Notice tone="error">{shareError}</Notice> : null}
        </Section>
      ) : null}

      <Section title="Who registered">
        {invite.users.length === 0 ? (
          <Text style={styles.dimmed}>
            {invite.state === 'active'
              ? 'Nobody has registered with this invite yet. Share the link with the person you invite.'
              : 'Nobody registered with this invite.'}
          </Text>
        ) : (
          invite.users.map((u) => (
            <View
              key={u.id}
              style={styles.person}
              accessible
              accessibilityLabel={`${u.username}, joined ${relative(u.createdAt)}`}
            >
              <Text style={styles.personName}>{u.username}</Text>
              <Text style={styles.dimmed}>{`joined ${relative(u.createdAt)}`}</Text>
            </View>
          ))
        )}
      </Section>

      {invite.state === 'active' ? (
        <Section title="Revoke" danger>
          <Text style={styles.text}>
            Revoking cannot be undone. If you need the link again later, create a new invite.
          </Text>
          <Button
            label="Revoke"
            variant="danger"
            accessibilityHint="Asks first, then stops the link from working"
            onPress={() => {
              revoke.reset();
              setAsking(true);
            }}
          />
        </Section>
      ) : null}

      <ConfirmDialog
        visible={asking}
        title={REVOKE_TITLE}
        destructive
        confirmLabel="Revoke invite"
        busy={revoke.isPending}
        error={revoke.isError ? messageFor(revoke.error) : null}
        onConfirm={confirmRevoke}
        onCancel={() => setAsking(false)}
      >
        <View style={styles.body}>
          <Text style={styles.text}>{REVOKE_BODY}</Text>
          <Text style={styles.dimmed}>{`Invite ${inviteName(invite)}, ${usesSpoken(invite)}.`}</Text>
        </View>
      </ConfirmDialog>
    </>
  );
}

const styles = StyleSheet.create({
  content: { padding: space.md, gap: space.md, paddingBottom: space.xl },
  name: { fontSize: 22, fontWeight: '700', color: colors.text, flexShrink: 1 },
  noLabel: { color: colors.dimmed, fontStyle: 'italic' },
  body: { gap: space.sm },
  text: { fontSize: 15, color: colors.text, lineHeight: 21 },
  dimmed: { fontSize: 14, color: colors.dimmed, lineHeight: 20 },
  link: { fontSize: 14, color: colors.accent },
  person: { minHeight: 44, justifyContent: 'center', gap: 2 },
  personName: { fontSize: 16, fontWeight: '600', color: colors.text },
});
