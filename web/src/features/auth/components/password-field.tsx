import { PasswordInput, type PasswordInputProps } from '@mantine/core';

/** A new password: the rules of the server (8+ characters, no composition rules) said up front. */
export function NewPasswordField(props: PasswordInputProps) {
  return (
    <PasswordInput
      label="Password"
      description="At least 8 characters. Long passphrases are welcome."
      autoComplete="new-password"
      required
      {...props}
    />
  );
}
