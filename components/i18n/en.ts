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
  error_rate_limited_wait: 'Too many attempts. Try again in {seconds} seconds.',
  error_rate_limited_wait_one: 'Too many attempts. Try again in {seconds} second.',
  error_rate_limited_wait_minutes: 'Too many attempts. Try again in {minutes} minutes.',
  error_rate_limited_wait_minutes_one: 'Too many attempts. Try again in {minutes} minute.',
  error_busy: 'The server is busy. Try again in a moment.',
  error_busy_wait: 'The server is busy. Try again in {seconds} seconds.',
  error_busy_wait_one: 'The server is busy. Try again in {seconds} second.',
  error_payload_too_large: 'That is too large to send. Make it smaller and try again.',
  error_unsupported_media_type: 'The server does not accept this kind of request.',
  error_method_not_allowed: 'The server does not allow that here.',
  error_invite_invalid: 'This invite link is not valid.',
  error_invite_expired: 'This invite link has expired.',
  error_invite_used: 'This invite link has already been used.',
  error_link_invalid: 'This link is not valid.',
  error_link_expired: 'This link has expired.',
  error_link_used: 'This link has already been used.',
  error_invalid_credentials: 'The email or password is incorrect.',
  error_session_invalid: 'Your session has ended. Please sign in again.',
  error_host_timeout: 'The server took too long to answer. Please try again in a moment.',
  error_storage_failed: 'The server could not save that right now. Please try again.',
  error_mail_failed: 'The email could not be sent. Please try again.',
  error_internal: 'Something went wrong on the server. Please try again.',
  /** A server fault's message and the id the host's log has it under, as the server sent it. */
  errorReference: '{message} Reference: {id}',
  error_approval_stale: 'This changed after approval was requested. The builder must request approval again.',
  error_approval_expired: 'This approval is past its due date.',
  error_approval_closed: 'This approval is closed: it was decided or withdrawn.',
  error_not_your_turn: 'This approval is decided in order; it is not your turn yet.',
};

/** `<sg-client-list>`: the list, its statuses and its dialogs. */
export const clientListStrings = {
  // statuses
  status_not_invited: 'Not invited',
  status_invited: 'Invited',
  status_expired: 'Invite expired',
  status_active: 'Active',
  status_disabled: 'Disabled',
  status_archived: 'Archived',
  statusAll: 'All statuses',

  // client list
  clientsTitle: 'Client portal',
  clientsSearch: 'Search clients',
  clientsStatusFilter: 'Status',
  clientsInvite: 'Invite client',
  clientsCount: '{count} clients',
  clientsCount_one: '{count} client',
  clientsEmpty: 'No clients yet. Invite a client to share this project with them.',
  clientsCountArchived: '{count} archived clients',
  clientsCountArchived_one: '{count} archived client',
  clientsNoneArchived: 'No archived clients.',
  clientsNoMatch: 'No clients match your search.',
  clientsShown: '{count} clients shown',
  clientsShown_one: '{count} client shown',
  clientsColName: 'Client',
  clientsColProjects: 'Projects',
  clientsColStatus: 'Status',
  clientsNoProjects: 'No project access',
  inviteNotDelivered: 'Invite not delivered',
  rowActions: 'Actions for {name}',
  rowSending: 'Sending…',
  rowSaving: 'Saving…',
  actionProjects: 'Update project access',
  actionSendInvite: 'Send invite',
  actionResendInvite: 'Resend invite',
  actionRevoke: 'Revoke access to this project',
  actionPermissions: 'Show permissions',
  actionDisable: 'Disable portal access',
  actionEnable: 'Enable portal access',
  inviteSent: 'Invite sent to {email}.',
  accessUpdated: 'Project access updated for {name}.',
  accessRevoked: 'Access revoked for {name}.',
  portalEnabled: 'Portal access enabled for {name}.',
  portalDisabled: 'Portal access disabled for {name}.',
  clientInvited: '{email} was invited.',
  clientExisting: '{email} is already a client — project added.',
  clientExistingUnchanged: '{email} is already a client of the projects you chose. Nothing changed.',
  clientExistingArchived: '{email} is archived. Project added, but they see nothing until you restore them and enable portal access.',
  clientExistingDisabled: '{email} has portal access off. Project added, but they cannot sign in until you enable portal access.',
  actionEdit: 'Edit details',
  actionPasswordReset: 'Send password reset',
  actionArchive: 'Archive',
  actionRestore: 'Restore',
  passwordResetSent: 'Password reset link sent to {email}.',
  clientArchived: '{name} was archived.',
  clientRestored: '{name} was restored, without portal access.',
  clientSaved: 'Details saved for {name}.',
  emailConfirmSent: 'A confirmation link was sent to {email}. Until it is confirmed, {name} cannot sign in.',
  inviteDates: 'Sent {sent} · expires {expires}',
  inviteExpires: 'Expires {expires}',
  inviteDatesExpired: 'Sent {sent} · expired {expires}',
  inviteExpired: 'Expired {expires}',
  clientAlreadyAccepted: '{name} has already accepted the invite.',
  clientChangedMeanwhile: '{name} was changed in the meantime, so nothing was done. The list now shows their current state.',
  resetRefused_email_unconfirmed: 'No password reset was sent: {name} has not confirmed their new email address yet. Save it again in Edit details to send a new confirmation link.',
  resetRefused_passwords_off: 'No password reset was sent: your clients sign in with emailed links, not passwords. {name} can ask for a sign-in link instead.',
  resetRefused_no_reset_url: 'No password reset was sent: the portal has no page for choosing a new password (resetUrl). Ask whoever set it up to add one.',
  editTitle: 'Edit {name}',
  editRole: 'Role',
  emailPending: 'Waiting for {email} to be confirmed',
  emailTaken: 'Another client already uses this email.',
  emailConfirming: 'Another client is confirming this email as their new address.',
  editEmailHint: 'Changing the email sends a new link to the new address; the old link stops working.',
  editEmailPendingHint: '{email} waits for confirmation. Save it unchanged to send a new link, or enter {current}, the address in use, to withdraw the change.',
  actionRevokeAll: 'Revoke access to all projects',
  badgeNoAccess: 'No access',
  dismiss: 'Dismiss',
  deliveryFailed: 'Invite not delivered: {reason}',
  deliverySending: 'Sending…',
  deliveryRetrying: 'Retrying — {reason}',
  deliveryServerSaid: 'mail server said: {reason}',
  deliveryRefused: 'the mail server refused it',
  deliveryNoMailbox: 'this address does not exist',
  deliveryNoDomain: 'the email domain was not found',
  deliverySpam: 'rejected as spam',
  deliveryMailboxFull: 'the mailbox is full',
  deliveryUnreachable: 'the mail server could not be reached',
  deliveryExpired: 'the invite expired before it could be sent',
  deliveryDetails: 'Details',
  deliveryFix: 'Fix email',
  deliveryFixSubmit: 'Save and resend invite',
  deliveryFailedNotice: 'The invite to {email} was not delivered: {reason}.',
  digestLabel: 'Email updates',
  digestDefault: 'Your default for clients, until changed here or by the client.',
  digestSaved: 'Saved.',
  frequency_instant: 'As things happen',
  frequency_daily: 'Daily digest',
  frequency_weekly: 'Weekly digest',
  frequency_off: 'Off',
  disableTitle: 'Disable portal access?',
  disableText: '{name} is signed out at once and cannot sign in until you enable portal access again. A pending invite is cancelled; projects and history are kept.',

  // invite dialog
  inviteTitle: 'Invite a client',
  inviteEmail: 'Email',
  inviteName: 'Name (optional)',
  inviteProjects: 'Projects they can see',
  inviteSubmit: 'Send invite',
  invalidEmail: 'Enter a valid email address.',
  emailTooLong: 'An email address is at most 254 characters.',
  chooseProject: 'Choose at least one project.',
  projectsLoadFailed: 'Your projects could not be loaded.',
  /** A project chosen was removed meanwhile (the server's `project_missing`); the list has been read again without it. */
  issue_project_missing: 'One of these projects no longer exists and has been taken off the list. Check the projects and try again.',

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
  shareAttached: 'Clients see it: it is attached to an update.',
  shareAttachedMany: '{count} of these are seen by clients: attached to an update.',
  shareAttachedMany_one: '1 of these is seen by clients: attached to an update.',
  // why sharing was refused, by the issue's code
  issue_not_completed: 'Only completed reports can be shared.',
  issue_resource_missing: 'This is not in the project any more.',
  issue_schedule_shared: 'This project already shares another schedule. Stop sharing it first.',
};

/** `<sg-portal-view>`. */
export const portalViewStrings = {
  // portal view
  portalProject: 'Project',
  portalNothingShared: 'Nothing has been shared with you yet.',
  portalNoProjects: 'You do not have access to any project right now.',
  portalAccessEnded: 'Your access to {project} has ended.',
  portalSignIn: 'Sign in',
  portalNoLongerShared: 'This is no longer shared with you.',
  portalSectionEmpty: 'Nothing has been shared here yet.',
  portalShowMore: 'Show more',
  portalMoreShown: '{count} more items shown',
  portalMoreShown_one: '{count} more item shown',
  portalFolderEmpty: 'This folder is empty.',
  portalOpenFolder: 'Open folder {name}',
  portalRevision: 'Revision {revision}',
  portalRevisions: 'Earlier revisions: {revisions}',
  portalProgress: '{progress}% complete',
  portalScheduleEmpty: 'The schedule has not been published yet.',
  portalPublished: 'Published {date}',
  portalAttachments: 'Attached',
  portalEdited: 'Edited',
  portalPhotoViewer: 'Photo viewer',
  portalPrevious: 'Previous photo',
  portalNext: 'Next photo',
  portalPhotoOf: 'Photo {index} of {count}',
  portalOverview: 'Overview',
  portalSections: 'Sections',
  portalWhatsNew: "What's new",
  portalNothingNew: 'Nothing new this week',
  portalNewCount: '{count} new items',
  portalNewCount_one: '{count} new item',
  portalRecentCount: '{count} items updated this week',
  portalRecentCount_one: '{count} item updated this week',
  portalNextMilestone: 'Next milestone',
  portalNoMilestone: 'No upcoming milestone',
  portalDetails: 'Details',
  portalDetailsFor: 'Details of {name}',
  portalInspector: 'Inspector',
  portalCompleted: 'Completed',
  portalDate: 'Date',
  portalWeather: 'Weather',
  portalCrew: 'Crew',
  portalCrewCount: '{name} ({count})',
  portalPhotos: 'Photos',
  portalOptions: 'Options',
  portalChosen: 'Chosen',
  portalAllowance: 'Allowance',
  portalPrice: 'Price',
  portalAmount: 'Amount',
  portalStatus: 'Status',
  portalDueDate: 'Due date',
  portalDue: 'Due {date}',
  portalPdf: 'Download PDF',
  portalPay: 'Pay',
  portalPayAmount: 'Pay {amount}',
  portalCurrentRevision: 'Current',
  // new since the last visit, and email notifications
  portalNew: 'New',
  portalNewInSection: '{count} new',
  portalNewInSection_one: '{count} new',
  portalNewSinceVisit: '{count} new items since your last visit',
  portalNewSinceVisit_one: '{count} new item since your last visit',
  portalNothingNewSinceVisit: 'Nothing new since your last visit',
  portalFirstVisit: 'Welcome! Here is everything your builder has shared with you.',
  notifyTitle: 'Email notifications',
  notifyIntro: 'How often should we email you when something new is shared with you?',
  notifyInstant: 'As it happens',
  notifyInstantHint: 'One email a few minutes after something is shared, with anything else shared meanwhile.',
  notifyDaily: 'Daily summary',
  notifyDailyHint: 'At most one email a day, listing everything new.',
  notifyWeekly: 'Weekly summary',
  notifyWeeklyHint: 'At most one email a week, listing everything new.',
  notifyOff: 'Off',
  notifyOffHint: 'No emails about new things. Everything stays here when you sign in.',
  notifyDefault: '(your builder’s default)',
  notifySave: 'Save',
  notifySaving: 'Saving…',
  notifySaved: 'Saved: {choice}.',
};

/**
 * Statuses of a host's resources in `<sg-portal-view>`, by value: `itemStatus_<value>`, also looked
 * up in lower case with `_` for spaces and signs ("Awaiting approval" → `itemStatus_awaiting_approval`).
 * The element shows a value no table has as the host gave it, so these English words, the values
 * themselves, are not part of its strings: they are here for translators, and French has them.
 */
export const resourceStatusStrings = {
  itemStatus_pending: 'pending',
  itemStatus_approved: 'approved',
  itemStatus_declined: 'declined',
  itemStatus_rejected: 'rejected',
  itemStatus_accepted: 'accepted',
  itemStatus_awaiting_approval: 'awaiting approval',
  itemStatus_submitted: 'submitted',
  itemStatus_withdrawn: 'withdrawn',
  itemStatus_draft: 'draft',
  itemStatus_open: 'open',
  itemStatus_closed: 'closed',
  itemStatus_in_progress: 'in progress',
  itemStatus_completed: 'completed',
  itemStatus_cancelled: 'cancelled',
  itemStatus_canceled: 'canceled',
  itemStatus_sent: 'sent',
  itemStatus_due: 'due',
  itemStatus_overdue: 'overdue',
  itemStatus_paid: 'paid',
  itemStatus_partially_paid: 'partially paid',
  itemStatus_unpaid: 'unpaid',
  itemStatus_void: 'void',
};

/** `<sg-accept-invite>`. */
export const acceptInviteStrings = {
  // accept invite
  acceptTitle: '{tenant} invited you to their client portal',
  acceptTitleNoTenant: 'You are invited to a client portal',
  acceptIntro: 'Set a password to join for free. You will sign in with {email}.',
  acceptName: 'Your name',
  acceptPassword: 'Password',
  acceptPasswordHint: 'At least 10 characters, and not a commonly used password.',
  acceptConfirm: 'Repeat password',
  acceptSubmit: 'Join the portal',
  // A submit button's label while its request is out (the button keeps focus, aria-disabled).
  acceptBusy: 'Joining…',
  acceptPasswordShort: 'Use at least 10 characters.',
  acceptPasswordMismatch: 'The passwords do not match.',
  // A password the server refused, by the rule it broke (the issue's code).
  issue_password_common: 'This is one of the most commonly used passwords. Choose one that is harder to guess.',
  issue_password_repetitive: 'This repeats a few characters. Choose one that is harder to guess.',
  issue_password_sequential: 'This is a run of consecutive letters or digits. Choose one that is harder to guess.',
  issue_password_is_email: 'Do not use your email address as your password.',
  acceptDone: 'Welcome{name}! Your account is ready.',
  acceptExpiredTitle: 'This invite has expired',
  acceptUsedTitle: 'This invite has already been used',
  acceptInvalidTitle: 'This invite link is not valid',
  /** @deprecated No longer shown: a dead link's page names the builder (`acceptNewLinkHint`). Kept so tables that set it still type-check. */
  acceptAskBuilder: 'Ask your builder to send you a new invite.',
  acceptUsedHint: 'If you already joined, sign in instead.',
  acceptSignIn: 'Sign in',
  acceptNewLink: 'Ask for a new link',
  acceptNewLinkHint: 'Invite links are sent by {tenant}. Contact them and ask for a new invite.',
  acceptYourBuilder: 'your builder',
};

/** `<sg-sign-in>`. */
export const signInStrings = {
  // sign in
  signInTitle: 'Sign in to your client portal',
  signInEmail: 'Email',
  signInPassword: 'Password',
  signInSubmit: 'Sign in',
  signInBusy: 'Signing in…',
  signedInAs: 'Signed in as {email}',
  signOut: 'Sign out',
  signedOut: 'You are signed out.',
  required: 'This field is required.',
  forgotLink: 'Forgot password?',
  forgotTitle: 'Reset your password',
  forgotIntro: 'Enter your email and we will send you a link to set a new password.',
  forgotSubmit: 'Send reset link',
  linkOffer: 'Email me a sign-in link',
  linkTitle: 'Sign in with a link',
  linkIntro: 'Enter your email and we will send you a one-time sign-in link.',
  linkSubmit: 'Send sign-in link',
  // Any of the email forms (reset link, sign-in link, a new link) while it sends.
  linkSending: 'Sending…',
  linkSent: 'If an account exists for that address, we sent a link. Check your email.',
  backToSignIn: 'Back to sign in',
};

/** `<sg-reset-password>`. */
export const resetPasswordStrings = {
  // reset password
  resetTitle: 'Choose a new password',
  resetIntro: 'Set a new password for {email}.',
  resetPassword: 'New password',
  resetPasswordHint: 'At least 10 characters, and not a commonly used password.',
  resetConfirm: 'Repeat new password',
  resetSubmit: 'Set password',
  resetBusy: 'Setting password…',
  resetDone: 'Your password is set and you are signed in.',
  resetExpiredTitle: 'This reset link has expired',
  resetUsedTitle: 'This reset link has already been used',
  resetCancelledTitle: 'This reset link is no longer valid',
  resetAskAgain: 'Enter your email to get a new link.',
};

/** `<sg-confirm-email>`. */
export const confirmEmailStrings = {
  // confirm email
  confirmEmailTitle: 'Confirm your new email address',
  confirmEmailIntro: 'Choose a new password to go with it: your old password ended with your old address.',
  confirmEmailPassword: 'New password',
  confirmEmailPasswordHint: 'At least 10 characters, and not a commonly used password.',
  confirmEmailRepeat: 'Repeat new password',
  confirmEmailSubmit: 'Confirm and sign in',
  confirmEmailBusy: 'Confirming…',
  confirmEmailDone: 'Your new email address is confirmed and you are signed in.',
  confirmEmailExpiredTitle: 'This confirmation link has expired',
  confirmEmailUsedTitle: 'This confirmation link has already been used',
  confirmEmailCancelledTitle: 'This confirmation link is no longer valid',
  confirmEmailUsedHint: 'If you already confirmed your new address, sign in with it and the password you chose.',
  confirmEmailAskBuilder: 'Only {tenant} can send you a new confirmation link: ask them for one.',
  confirmEmailTakenTitle: 'This address is now used by another account',
  confirmEmailTakenAsk: 'Only {tenant} can sort this out: ask them to change your email address.',
};

/** `<sg-sign-in>`'s card for a sign-in link opening the page, whose button (`signInSubmit`) uses it. */
export const signInLinkStrings = {
  linkUseTitle: 'Sign in with your link',
  linkUseIntro: 'This one-time link signs you in on this device.',
};

/** Approvals, shared by `<sg-approval-button>` and the "Waiting on you" of `<sg-portal-view>`. */
export const approvalStrings = {
  // approvals
  approvalStatus_pending: 'Waiting for a decision',
  approvalStatus_reopened: 'Asked again',
  approvalStatus_approved: 'Approved',
  approvalStatus_declined: 'Declined',
  approvalStatus_expired: 'Expired',
  approvalStatus_withdrawn: 'Withdrawn',
  approvalDecision_approved: 'approved',
  approvalDecision_declined: 'declined',
  approvalDecisionLine: '{name} {decision} · {date}',
  approvalChose: 'Chose: {option}',
  approvalNote: 'Note: {note}',
  approvalDue: 'Due {date}',
  approvalMessageLabel: 'Message:',
  approvalSomeone: 'Another approver',
  approvalWithdrawnOn: 'Withdrawn {date}',
  approvalWithdrawnReason: 'Reason: {reason}',
};

/** `<sg-approval-button>`. */
export const approvalButtonStrings = {
  // approval button
  approvalRequest: 'Request approval',
  approvalRequestAgain: 'Request approval again',
  approvalDialogTitle: 'Request approval',
  approvalApprovers: 'Clients who decide',
  approvalApproversHint: 'In order of choosing, for decisions in sequence.',
  approvalOrder: '{position} of {count} in order',
  approvalNoClients: 'No active client of this project yet.',
  approvalNoneCanDecide: 'None of this project’s active clients can decide on this yet; the reason is beside each name.',
  approvalChooseApprover: 'Choose at least one client.',
  approvalTooManyApprovers: 'Choose at most {count} clients.',
  approvalMode: 'How they decide',
  approvalMode_any: 'Any one of them',
  approvalMode_all: 'All of them',
  approvalMode_sequence: 'All of them, one after another',
  approvalDueDate: 'Due date (optional)',
  issue_date_past: 'Choose a date from today on.',
  approvalMessage: 'Message to the clients (optional)',
  approvalSend: 'Send request',
  approvalNone: 'Not yet put to a client for approval.',
  approvalWaitingOn: 'Waiting on {names}',
  approvalRequested: 'Requested {date}',
  approvalRequestedFrom: 'Approval requested from {names}.',
  approvalEvidence: 'Evidence',
  approvalNoDecisions: 'No decisions yet.',
  approvalHash: 'Snapshot SHA-256 {hash}',
  approvalExport: 'Download evidence',
  approvalCannotDecide: '{name} cannot decide: {reason}',
  approvalRefusal_cannot_sign_in: 'they cannot sign in to the portal (invite them, or turn their portal access on)',
  approvalRefusal_no_project_access: 'they have no access to this project (add it to their projects)',
  approvalRefusal_may_not_approve: 'their role does not allow approving here (give them a role that can approve)',
  approvalRefusal_not_shared: 'it is not shared with them (share it with them first)',
  approvalWithdraw: 'Withdraw',
  approvalCannotDecideHint: 'It waits on them until you withdraw it or give them their access back.',
  approvalStaleHint: '{name} changed since it was asked: no one can decide on it. Withdraw it and request approval again.',
  approvalWithdrawTitle: 'Withdraw approval of {name}?',
  approvalWithdrawExplain: 'The approvers can no longer decide. Decisions already made are kept.',
  approvalWithdrawReason: 'Reason (optional)',
  approvalWithdrawReasonHint: 'Kept with the evidence; the approvers can see it.',
  approvalWithdrawConfirm: 'Withdraw approval',
  approvalWithdrawing: 'Withdrawing…',
  approvalWithdrawDone: 'Approval withdrawn.',
  approvalWithdrawConflict: 'This approval is no longer open: it was decided, expired or withdrawn in the meantime. Nothing was withdrawn.',
};

/** The "Waiting on you" section of `<sg-portal-view>`. */
export const waitingStrings = {
  // waiting on you
  waitingTitle: 'Waiting on you',
  waitingApprove: 'Approve',
  waitingDecline: 'Decline',
  waitingApproveTitle: 'Approve {name}?',
  waitingDeclineTitle: 'Decline {name}?',
  waitingNote: 'Note (optional)',
  waitingChoice: 'Your choice',
  waitingChooseOption: 'Choose one of the options.',
  waitingConfirmApprove: 'Approve',
  waitingConfirmDecline: 'Decline',
  waitingYouApproved: 'You approved this on {date}.',
  waitingYouDeclined: 'You declined this on {date}.',
  waitingOthers: 'Still waiting on {count} other approvers.',
  waitingOthers_one: 'Still waiting on {count} other approver.',
  waitingNotYourTurn: 'Decided in order: another approver decides first.',
  waitingDone: 'Nothing more is needed from you.',
  waitingAlreadyDecided: 'This was already decided.',
  waitingDecidedElsewhere: 'You had already decided this in another tab or window.',
  waitingGone: 'This is no longer waiting on you.',
  waitingReopened: 'The builder asked for this again after this page was opened, and what is asked may have changed. Nothing was decided.',
  waitingShowNow: 'Show what is asked now',
  /** An item's status in the portal right after the client decided on it, until the page reads the builder's. */
  waitingApprovedByYou: 'Approved by you',
  waitingApprovedByYouWaiting: 'Approved by you · waiting on others',
  waitingDeclinedByYou: 'Declined by you',
  waitingSignedInElsewhere: 'You are now signed in as {email} in another tab or window. Reload this page to continue.',
};

/** Read receipts on `<sg-share-button show-receipts>`. */
export const receiptStrings = {
  // receipts
  receiptViewedBy: 'Viewed by {name} · {when}',
  receiptNotViewed: 'Not viewed yet',
  receiptsLabel: 'Who viewed it',
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
  typeof resourceStatusStrings &
  typeof acceptInviteStrings &
  typeof signInStrings &
  typeof signInLinkStrings &
  typeof resetPasswordStrings &
  typeof confirmEmailStrings &
  typeof approvalStrings &
  typeof approvalButtonStrings &
  typeof waitingStrings &
  typeof receiptStrings = /* @__PURE__ */ Object.assign({}, common, clientListStrings, moduleStrings, shareButtonStrings, portalViewStrings, resourceStatusStrings, acceptInviteStrings, signInStrings, signInLinkStrings, resetPasswordStrings, confirmEmailStrings, approvalStrings, approvalButtonStrings, waitingStrings, receiptStrings);

/**
 * The shape of a complete translation table. Any `itemStatus_<value>` key is one too: the words
 * for a status of the host's own content (see `resourceStatusStrings`).
 */
export type SgStrings = { [K in keyof typeof en]: string } & { [K in `itemStatus_${string}`]?: string };
