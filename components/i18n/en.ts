/**
 * The English strings every element uses. `{name}` placeholders are filled by `format()`.
 * A translation replaces any subset; missing keys fall back to these.
 */

/** Shown by every element: shared words and the problem messages, by error code. */
export const common = {
  // shared
  loading: 'Loading…',
  retry: 'Try again',
  cancel: 'Cancel',
  close: 'Close',
  save: 'Save',
  noClient: 'This element needs an api client: wrap it in <sg-portal-provider> or set its client property.',
  opensInNewTab: '(opens in a new tab)',

  // problems, by error code
  error_unknown: 'Something went wrong. Please try again.',
  error_network: 'Could not reach the server. Check your connection and try again.',
  error_validation_failed: 'Some fields need attention.',
  error_bad_request: 'The request was not understood.',
  error_unauthenticated: 'Please sign in to continue.',
  error_forbidden: 'You do not have permission to do that.',
  error_not_found: 'That could not be found. It may have been removed.',
  error_conflict: 'That changed in the meantime. Reload and try again.',
  error_rate_limited: 'Too many attempts. Wait a moment and try again.',
  error_invite_invalid: 'This invite link is not valid.',
  error_invite_expired: 'This invite link has expired.',
  error_invite_used: 'This invite link has already been used.',
  error_invalid_credentials: 'The email or password is incorrect.',
  error_session_invalid: 'Your session has ended. Please sign in again.',
  error_storage_failed: 'The server could not save that right now. Please try again.',
  error_mail_failed: 'The email could not be sent. Please try again.',
  error_internal: 'Something went wrong on the server. Please try again.',
};

/** `<sg-client-list>`: the list, its statuses and its dialogs. */
export const clientListStrings = {
  // statuses
  status_not_invited: 'Not invited',
  status_invited: 'Invited',
  status_expired: 'Invite expired',
  status_active: 'Active',
  status_disabled: 'Disabled',
  statusAll: 'All statuses',

  // client list
  clientsTitle: 'Client portal',
  clientsSearch: 'Search clients',
  clientsStatusFilter: 'Status',
  clientsInvite: 'Invite client',
  clientsCount: '{count} clients',
  clientsEmpty: 'No clients yet. Invite a client to share this project with them.',
  clientsNoMatch: 'No clients match your search.',
  clientsColName: 'Client',
  clientsColProjects: 'Projects',
  clientsColStatus: 'Status',
  clientsNoProjects: 'No project access',
  inviteNotDelivered: 'Invite not delivered',
  rowActions: 'Actions for {name}',
  actionProjects: 'Update project access',
  actionSendInvite: 'Send invite',
  actionResendInvite: 'Resend invite',
  actionRevoke: 'Revoke access',
  actionPermissions: 'Show permissions',
  actionDisable: 'Disable portal access',
  actionEnable: 'Enable portal access',
  inviteSent: 'Invite sent to {email}.',
  accessUpdated: 'Project access updated for {name}.',
  accessRevoked: 'Access revoked for {name}.',
  portalEnabled: 'Portal access enabled for {name}.',
  portalDisabled: 'Portal access disabled for {name}.',
  clientInvited: '{email} was invited.',

  // invite dialog
  inviteTitle: 'Invite a client',
  inviteEmail: 'Email',
  inviteName: 'Name (optional)',
  inviteProjects: 'Projects they can see',
  inviteSubmit: 'Send invite',
  invalidEmail: 'Enter a valid email address.',
  emailTooLong: 'An email address is at most 254 characters.',
  chooseProject: 'Choose at least one project.',

  // other dialogs
  projectsTitle: 'Project access for {name}',
  revokeTitle: 'Revoke access?',
  revokeAll: '{name} will no longer see any project. Their account and history are kept.',
  revokeOne: '{name} will no longer see {project}. Their account and history are kept.',
  revokeConfirm: 'Revoke access',
  permissionsTitle: 'Permissions for {name}',
  permissionsModule: 'Module',
  permissionsActions: 'Allowed',
  permissionsNone: 'This client cannot see any module.',
  action_read: 'View',
  action_approve: 'Approve',
};

/** Module names, in `<sg-client-list>` permissions and `<sg-portal-view>` sections. */
export const moduleStrings = {
  // modules
  module_updates: 'Updates',
  module_documents: 'Documents',
  module_drawings: 'Drawings',
  module_reports: 'Reports',
  module_photos: 'Photos',
  module_dailyLogs: 'Daily logs',
  module_schedule: 'Schedule',
  module_selections: 'Selections',
  module_changeOrders: 'Change orders',
  module_invoices: 'Invoices',
};

/** `<sg-share-button>`. */
export const shareButtonStrings = {
  // share button
  shareAction: 'Share with client',
  shareShared: 'Shared with client',
  shareViaFolder: 'Shared via folder',
  shareViaFolderHint: 'Visible to clients because its folder is shared.',
  shareMany: 'Share {count} with client',
  shareManyShared: 'Shared with client ({count})',
  shareSomeShared: '{shared} of {count} shared — share the rest',
  shareUnshareHint: 'Press to stop sharing.',
};

/** `<sg-portal-view>`. */
export const portalViewStrings = {
  // portal view
  portalProject: 'Project',
  portalNothingShared: 'Nothing has been shared with you yet.',
  portalNoProjects: 'You do not have access to any project yet.',
  portalSectionEmpty: 'Nothing has been shared here yet.',
  portalFolderEmpty: 'This folder is empty.',
  portalOpenFolder: 'Open folder {name}',
  portalRevision: 'Revision {revision}',
  portalRevisions: 'Earlier revisions: {revisions}',
  portalProgress: '{progress}% complete',
  portalScheduleEmpty: 'The schedule has not been published yet.',
  portalPublished: 'Published {date}',
  portalAttachments: 'Attached',
  portalPhotoViewer: 'Photo viewer',
  portalPrevious: 'Previous photo',
  portalNext: 'Next photo',
  portalPhotoOf: 'Photo {index} of {count}',
};

/** `<sg-accept-invite>`. */
export const acceptInviteStrings = {
  // accept invite
  acceptTitle: '{tenant} invited you to their client portal',
  acceptTitleNoTenant: 'You are invited to a client portal',
  acceptIntro: 'Set a password to join for free. You will sign in with {email}.',
  acceptName: 'Your name',
  acceptPassword: 'Password',
  acceptPasswordHint: 'At least 10 characters.',
  acceptConfirm: 'Repeat password',
  acceptSubmit: 'Join the portal',
  acceptPasswordShort: 'Use at least 10 characters.',
  acceptPasswordMismatch: 'The passwords do not match.',
  acceptDone: 'Welcome{name}! Your account is ready.',
  acceptExpiredTitle: 'This invite has expired',
  acceptUsedTitle: 'This invite has already been used',
  acceptInvalidTitle: 'This invite link is not valid',
  acceptAskBuilder: 'Ask your builder to send you a new invite.',
  acceptUsedHint: 'If you already joined, sign in instead.',
};

/** `<sg-sign-in>`. */
export const signInStrings = {
  // sign in
  signInTitle: 'Sign in to your client portal',
  signInEmail: 'Email',
  signInPassword: 'Password',
  signInSubmit: 'Sign in',
  signedInAs: 'Signed in as {email}',
  signOut: 'Sign out',
  signedOut: 'You are signed out.',
  required: 'This field is required.',
};

/**
 * Every English string. Elements take only their own groups above (so a page loads the strings
 * of the elements it shows); this whole table is for translators and `translations()`.
 */
export const en: typeof common &
  typeof clientListStrings &
  typeof moduleStrings &
  typeof shareButtonStrings &
  typeof portalViewStrings &
  typeof acceptInviteStrings &
  typeof signInStrings = /* @__PURE__ */ Object.assign({}, common, clientListStrings, moduleStrings, shareButtonStrings, portalViewStrings, acceptInviteStrings, signInStrings);

/** The shape of a complete translation table. */
export type SgStrings = { [K in keyof typeof en]: string };
