/** Mirrors the server's checks so most mistakes show before a round trip; the server still decides. */
export function checkInvite(input: { email: string; projectIds: string[] }): Record<string, 'invalidEmail' | 'emailTooLong' | 'chooseProject'> {
  const errors: Record<string, 'invalidEmail' | 'emailTooLong' | 'chooseProject'> = {};
  const email = input.email.trim();
  if (email.length > 254) errors.email = 'emailTooLong';
  else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors.email = 'invalidEmail';
  if (!input.projectIds.length) errors.projectIds = 'chooseProject';
  return errors;
}
