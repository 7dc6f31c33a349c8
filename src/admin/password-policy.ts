// The one rule for staff passwords, shared by the server (sign-up, reset, invitation, account
// change, CLI) and the admin app's password field. No Node imports: admin-ui bundles it.

export const passwordPolicy = { minLength: 10, maxLength: 1000 } as const;

/** What is wrong with the password, or undefined when it is fine. */
export function passwordProblem(password: string): string | undefined {
  if (password.length < passwordPolicy.minLength)
    return `must be at least ${passwordPolicy.minLength} characters`;
  if (password.length > passwordPolicy.maxLength)
    return `must be at most ${passwordPolicy.maxLength.toLocaleString('en')} characters`;
  return undefined;
}
