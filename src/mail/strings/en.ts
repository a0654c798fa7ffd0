import { DIGEST_EMAIL_STRINGS } from '../digest-email.js';
import type { EmailStrings } from './types.js';

/** English: every email's words, and the table every other language falls back to. */
export const EMAIL_STRINGS_EN: EmailStrings = {
  locale: 'en',
  layout: {
    greeting: 'Hello {name},',
    greetingNoName: 'Hello,',
    expires: 'The link can be used once and expires on {date}.',
    copyLink: 'If the button does not work, copy this link into your browser:',
    signature: '— {builder}',
  },
  invite: {
    inviterAt: '{inviter} at {builder}',
    subject: '{who} invited you to their client portal{forProjects}',
    subjectResend: 'Your new invite to the {builder} client portal{forProjects}',
    forProjects: ' for {projects}',
    twoProjects: '{first} and {second}',
    moreProjects: { one: '{first} and {count} more', other: '{first} and {count} more' },
    introNoProject: '{who} invited you to their client portal, where you can follow your project.',
    introOneProject: '{who} invited you to their client portal, where you can follow {project}.',
    introManyProjects: '{who} invited you to their client portal, where you can follow these projects:',
    replaces: 'This invite replaces the earlier one: the link in the previous email no longer works.',
    action: 'Accept the invite and set your password:',
    button: 'Accept invite',
    ignore: 'If you were not expecting this email, you can ignore it.',
  },
  account: {
    'password-reset': {
      subject: 'Reset your password for the {builder} client portal',
      intro: 'Someone asked to reset the password of your {builder} client portal account.',
      action: 'Choose a new password:',
      button: 'Reset password',
      ignore: 'If you did not ask for this, you can ignore this email: your password stays as it is.',
    },
    'sign-in': {
      subject: 'Your sign-in link for the {builder} client portal',
      intro: 'Here is the sign-in link you asked for.',
      action: 'Sign in to the {builder} client portal:',
      button: 'Sign in',
      ignore: 'If you did not ask for this, you can ignore this email.',
    },
    'confirm-email': {
      subject: 'Confirm your new email address for the {builder} client portal',
      intro: '{builder} changed the email address of your client portal account to this one.',
      action: 'Confirm this address to keep using the portal:',
      button: 'Confirm email address',
      ignore: 'If you were not expecting this, you can ignore this email.',
    },
  },
  digest: DIGEST_EMAIL_STRINGS,
};
