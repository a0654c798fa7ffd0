import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ALL_ELEMENTS, browserEntries, gzipSize, kb, SHARE_BUTTON_PAGE } from '../bench/lib/bundle-size.js';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Budgets in gzipped bytes (level 9, file by file) of everything a page loads before it shows
 * data: the entry, its chunks, and the chunks it loads with `import()` (the api client), every
 * dependency bundled for the browser. Set at what the entries reached, rounded up a little, so
 * size never creeps: raise one only on purpose, in the same commit as the code that needs it.
 * The two page targets are ceilings no budget may exceed.
 */
const KB = 1024;
const TARGETS: Record<string, number> = {
  // 35 KB for v0's six elements. The workplace features each added what they draw and say:
  // account screens (reset page, link and reset forms, edit dialog: +2.9 KB), item details,
  // overview, jump links, brand and date ranges (+4.5 KB), approvals (a new element, "Waiting
  // on you", receipts: +6.4 KB), and ~150 strings. French ships apart (`…/i18n/fr`).
  // +0.5 KB: the builder's brand on the sign-in, reset and accept pages (measured +488 B).
  // +1.35 KB: "New" badges and counts, the email-notifications control and their strings (measured +1,347 B).
  // +0.09 KB: edited updates ("Edited" and its strings) and the `updates.edit`/`updates.remove` routes (measured +82 B).
  // +1.91 KB: the client list's live invite delivery (reasons in plain words, "Fix email", polling
  // rows in flight), fading notices, the "Disable portal access" confirmation, the digest control
  // and their strings (measured +1,939 B).
  // +0.06 KB: layout fixes at 390 px (actions button on the row's first line, icon beside a long
  // item name), a client list only as tall as its rows, accent-coloured radios (measured +72 B).
  // +0.05 KB: the client list's first rows painted before its header count, which loads the
  // browser's number data (measured +52 B).
  // +0.25 KB: the client list's first rows in one paint (no spinner frame for a quick load, pages
  // shown once a frame, the count once every page is in) and `Intl` formatters kept per language
  // (measured +251 B).
  // +0.33 KB: English and French medium dates written without `Intl`, whose first use builds the
  // browser's locale table (35–120 ms) before a list's first rows (measured +333 B).
  // +0.38 KB: views of followed links and viewer photos recorded, a deadline's time where it is
  // not the end of a local day, focus on an approval's outcome and on "link sent", long
  // addresses wrapped, a revoked viewer named, the full password rule on the accept page
  // (measured +387 B).
  // +0.17 KB: an emailed link's token kept in its history entry, so a reload keeps the accept,
  // reset or sign-in-link page working until the link is used (measured +167 B).
  // +0.27 KB: a refused field said as a sentence, and a refused password by its rule in the
  // page's language; the server's length limits on the client list's name and email fields; a
  // report's fields in one list with its inspector (measured +274 B).
  // +0.91 KB: accessibility: focus kept and handed on, live regions, group errors, reduced motion (measured +925 B).
  // +0.15 KB: elements ask a provider that appears after they connected (`providePortalClient`),
  // and the api client retries no `Retry-After` longer than 5 s (measured +75 B and +92 B).
  // +0.9 KB: replies that are no longer current are dropped (folders, feeds, projects, approvals,
  // share status), a decision sent only as the client the page shows, each dialog's request kept
  // to it, row actions in flight, a network failure said as one, the busy server's wait in words,
  // loading states rendered on a server (measured +925 B).
  // +1.61 KB: withdrawing an approval — the button, its dialog, the withdrawal in the evidence and
  // the closed card in "Waiting on you", and their strings (measured +1,487 B); a client-list
  // dialog reopened while its save is out shown busy (+122 B); the route in the api client (+37 B).
  // +0.45 KB: what keeps an open approval from being decided (approvers who can no longer, a
  // resource changed since it was asked) said beside it, and the names of clients no longer on
  // the project read on their own (measured +454 B).
  // +0.02 KB: `<sg-sign-in no-session>`, for a page that already knows nobody is signed in (measured +18 B).
  // +0.92 KB: the client list says what keeps an archived or disabled client out and confirms
  // saving no project (+317 B); `shares.status` in runs, one after another (+236 B); account links
  // opened again, a rate limit's wait, a daily log's day, a first visit's welcome, the default
  // frequency (+384 B).
  // +0.65 KB: `<sg-confirm-email>`, the page an email confirmation link opens, and its strings,
  // sharing a base class with the reset page (measured +666 B).
  // +0.02 KB: a decision's email, name and evidence in the approvals' response check (62,946 B in all).
  // +0.31 KB: the portal says when access to its project ended while it was open and moves on,
  // taps of 44 px on touch screens, and a link used in this tab said as used after a reload that
  // overtook its answer (63,268 B in all).
  // +0.05 KB: why an approver cannot decide says how to fix it (63,316 B in all).
  // +0.07 KB: another project in the portal is a history step, so Back returns to the one
  // before (63,387 B in all).
  // +0.02 KB: a used link's mark holds ten minutes, for a reload only (63,411 B in all).
  // +0.04 KB: document links and "Email notifications" 44 px tall on touch screens (63,449 B in all).
  // +0.13 KB: client wiring mistakes said as such: no `baseUrl`, a path without a page, a 404 that is not the portal's (63,582 B in all).
  // +0.33 KB: the request dialog shows who cannot decide, and why, before sending (the `approvals.approvers` route) (63,916 B in all).
  // +0.07 KB: the account forms' submit buttons say what they are doing while busy, "Joining…" (63,986 B in all).
  // +0.05 KB: the address typed on the sign-in form carried to "Forgot password?" and back (64,031 B in all).
  // +0.02 KB: a request dialog where nobody can decide offers only "Close" (64,052 B in all).
  // +0.09 KB: inviting a client who already has every project chosen says nothing changed (64,137 B in all).
  // +0.02 KB: a drawing's row dated by its current revision (64,154 B in all).
  // +0.12 KB: a 409 on an address says which field and why: another client uses it, or is confirming it (measured +124 B; 64,278 B in all).
  // +0.03 KB: a refusal for another reason than the address (an archived client) not said as a taken address (measured +37 B; 64,315 B in all).
  // +0.03 KB: a share button's long label wraps in a narrow column (a phone, French) instead of running past it (measured +33 B; 64,348 B in all).
  // +0.14 KB: an item clients see through an update it is attached to said so beside its share button (measured +142 B; 64,490 B in all).
  // +0.04 KB: an expired or invalid invite's page says whom to ask at once, "Sign in" second (measured +39 B; 64,529 B in all).
  // +0.42 KB: the client list gives focus to the row in its place when a row leaves, re-reads a client after a 409 and says what changed, and says "expired" of an expired invite (measured +431 B; 64,960 B in all).
  // +0.55 KB: the portal says an item unshared while it was open is no longer shared (from a refused open or view), and a status in the page's language (measured +564 B; 65,524 B in all).
  // +0.01 KB: an invite past its date on a page left open badged "Invite expired", as its dates say (measured +11 B; 65,535 B in all).
  // +0.17 KB: receipts beside an approval button read again when it reads a new decision (measured +177 B; 65,712 B in all).
  // +0.09 KB: an answer without data read to its end (+8 B); an empty "Archived" filter said as such, a partly shared
  // button "mixed", the focus style on text areas, long labels wrapping in account cards (measured +86 B; 65,806 B in all).
  // −0.01 KB: the client list's notice says its words alone, without "Dismiss" (measured −7 B; 65,799 B in all).
  // +0.05 KB: "Details", file and revision links, "Email notifications" and the invite page's "Ask for a new link" 24 px tall for a mouse too (measured +48 B; 65,847 B in all).
  // +0.03 KB: the email confirmation page looks at its link before showing a form, as the reset page does (measured +35 B; 65,882 B in all).
  // +0.19 KB: the api client refuses, before sending, an id that is no non-empty string, a NaN or
  // Infinity in a query and arguments JSON cannot hold, and names the URL a custom fetch's 404
  // came from; a message names ten issues at most (measured +192 B; 66,074 B in all).
  // +0.2 KB: a waiting change of address held in "Edit details", sent again or withdrawn from it, and
  // its words; Approve offered on a project opened after one with nothing to decide; a sequence's
  // approvers still to decide counted whole (measured +205 B; 66,279 B in all).
  // +0.07 KB: a chosen section's heading focused when a host router sets it, "Show more" leaving the
  // page where it grew, unreadable receipts leaving a share button usable, a notice held by focus
  // and pointer alike, the delivery poll's backoff started over on news (measured +69 B; 66,348 B in all).
  // +0.02 KB: the portal view's sync-hash reads no `location` on a server; links in the details announced (measured +17 B; 66,365 B in all).
  // +0.01 KB: the body written to JSON once, by ky's `stringifyJson`, which says what JSON cannot hold (measured +13 B; 66,378 B in all).
  // +0.2 KB: a builder's brand colour the accent only in the theme whose surface it reads on, the
  // dark one too (`theme`, `auto`, a provider's); text on danger buttons in the surface colour;
  // button labels, dialog titles and text that wrap at 320 px; a daily log's photo links named; the
  // request dialog held while sending; the list's status region always in the tree (measured +204 B; 66,582 B in all).
  // +0.15 KB: a sign-in link opening the page used only when its "Sign in" is pressed (mail scanners open links and run
  // the page), and the card's strings (measured +155 B; 66,737 B in all).
  // +0.02 KB: a resource listed twice (in its module and attached to an update) gets panels of its
  // own in each place, and a Details panel is a group, not a landmark (measured +25 B; 66,762 B in all).
  // +0.05 KB: a search's count said once typing pauses (measured +51 B; 66,813 B in all).
  // +0.01 KB: the page's `lang` found past the shadow roots around an element (measured +4 B; 66,817 B in all).
  // +0.06 KB: "yesterday" is the calendar day before today in the viewer's zone, and a year ago is
  // never "last year" (measured +65 B; 66,882 B in all).
  // +0.02 KB: a refused due date said in the page's language; the date picker starts today (measured +24 B; 66,906 B in all).
  // +0.05 KB: more than 20 clients ticked for approval said in the page's language before sending (measured +51 B; 66,957 B in all).
  // +0.01 KB: the `client.project_granted` audit action in the response checks (measured +8 B; 66,965 B in all).
  // +0.08 KB: the api client asks once more with the cookie when its kept token's session ended,
  // refuses "." and ".." as path ids, reads a proxy's page by its status (measured +81 B; 67,046 B in all).
  // +0.08 KB: a page that switches its language has every element render again in it (measured +84 B; 67,130 B in all).
  // +0.05 KB: every read out with an ended token asked again with the cookie, no write; no HEAD where a GET records a
  // view (measured +48 B; 67,178 B in all).
  // +0.04 KB: an approval button turned to another resource shows nothing of the last; a portal view reads its first
  // feed once (measured +43 B; 67,221 B in all).
  // +0.07 KB: a moved element restarts its timers (delivery polling, notices); a dead sign-in link is not offered
  // again (measured +76 B; 67,297 B in all).
  // +0.03 KB: a share already removed elsewhere reads as unshared; a failed toggle reads the status again (measured
  // +28 B; 67,325 B in all).
  // +0.42 KB: a refused password reset said by its reason; a portal view whose session ended offers "Sign in"; a
  // sign-in link kept through a passing failure (measured +434 B; 67,759 B in all).
  // +0.02 KB: an option chosen clears the request to choose one (measured +16 B; 67,775 B in all).
  // +0.08 KB: French elides `de` before a name that starts with a vowel ("Accès aux projets d’Olivia") (measured +87
  // B; 67,862 B in all).
  // +0.00 KB: the elision rule shared with the emails (src/model/french-de.ts) rather than written twice (measured +1
  // B; 67,863 B in all).
  // +0.10 KB: a refused share said by its issue's code (a draft report, a second schedule) (measured +104 B; 67,967 B
  // in all).
  // +0.01 KB: a refused share's words found by a shared helper, which the string tables' check can follow (measured
  // +15 B; 67,982 B in all).
  // +0.17 KB: a server fault's message names its request id; the confirm page says an address taken meanwhile
  // (measured +177 B; 68,159 B in all).
  // +0.29 KB: "Waiting on you" says a decision refused as already made or no longer asked, and the item reads
  // "Approved by you" at once (measured +295 B; 68,454 B in all).
  // +0.23 KB: the client list's project pickers say why projects could not load, with "Try again", and save nothing
  // meanwhile; a refused address said in the page's language (measured +237 B; 68,691 B in all).
  // +0.08 KB: host_timeout: a hook that does not answer in time, its class and its words (measured +80 B; 68,771 B in
  // all).
  // +0.05 KB: a stale approval settles its card; a removed project said by its issue code (measured +47 B; 68,818 B
  // in all).
  // +0.04 KB: sign-in asks the tenant first, request ids kept only in the
  // server's shape, the latest project list kept (measured +37 B; 68,855 B in all).
  // +0.09 KB: a decision names the round it was shown; a reopened approval said as such on its card (measured +94 B;
  // 68,949 B in all).
  // +0.02 KB: each client's email language: set by the builder, or the page its invite was accepted on (measured +17
  // B; 68,966 B in all).
  // +0.10 KB: layout at 390 px: "Try again" whole, long errors wrapped, focus rings clear of words, a removed project
  // taken off the list (measured +98 B; 69,064 B in all).
  // +0.31 KB: refusals in "Waiting on you" look like warnings, a stale approval offers no decision after a reload,
  // "Show what is asked now", honest badges (measured +313 B; 69,377 B in all).
  // +0.03 KB: "Show what is asked now" takes focus only while the page still shows that project (measured +32 B;
  // 69,409 B in all).
  // +0.00 KB: ApprovalError says its reason (reopened) as ConflictError does (measured +3 B; 69,412 B in all).
  // +0.07 KB: the project boxes kept as they were left when the projects are read again after a removed one and that
  // read fails (measured +69 B; 69,481 B in all).
  // +0.12 KB: an empty list sent as one, the share button's runs one after another with what a capped run may hide
  // left out, cursors checked before a store's whole list is read, project ticks kept whichever read fails (measured
  // +128 B; 69,609 B in all).
  [ALL_ELEMENTS]: 67.98 * KB,
  // 20 KB until receipts on the button (+0.7 KB) and the contract's new routes in the client (+0.5 KB).
  // +0.05 KB: the `tenants.look` route in the client (measured +38 B).
  // +0.02 KB: the feed's `isNew` and `newCounts` checks in the client (measured +20 B).
  // +0.12 KB: the five `notifications.*` routes in the client (measured +122 B).
  // +0.05 KB: the `updates.edit` and `updates.remove` routes in the client (measured +44 B).
  // +0.31 KB: English and French dates without `Intl` (measured +314 B).
  // +0.06 KB: a viewer no longer on the project named, `BusyError` and `ApprovalError` exported
  // from the client, notices that wrap long addresses (measured +57 B).
  // +0.02 KB: the string table as a getter every element shares (measured +18 B).
  // +0.05 KB: busy buttons aria-disabled (they keep focus), no motion when reduced motion is asked for (measured +55 B).
  // +0.16 KB: a provider that appears late is asked; no retry waits out a long `Retry-After` (measured +58 B and +109 B).
  // +0.29 KB: the newest status read only, "Try again" after a failed one, network failures and a
  // busy server's wait said in words (measured +296 B).
  // +0.06 KB: the `approvals.withdraw` route in the client, and a closed approval said as decided
  // or withdrawn (measured +56 B and +7 B).
  // +0.06 KB: `cannotDecide` and `stale` in the approvals' response check (measured +54 B).
  // +0.31 KB: `shares.status` for many ids asked in runs, one after another, a refused id named by
  // its place (measured +227 B); a rate limit's wait in minutes and two response fields (+95 B).
  // +0.02 KB: a decision's email, name and evidence in the approvals' response check (24,040 B in all).
  // +0.15 KB: client wiring mistakes said as such: no `baseUrl`, a path without a page, a 404 that is not the portal's (24,187 B in all).
  // +0.02 KB: the `approvals.approvers` route in the client (24,209 B in all).
  // +0.03 KB: a 409 on an address says which field and why: another client uses it, or is confirming it (the conflict's `field` and `reason` read back in the client, measured +37 B; 24,246 B in all).
  // +0.04 KB: a share button's long label wraps in a narrow column (a phone, French) instead of running past it (measured +35 B; 24,281 B in all).
  // +0.13 KB: an item clients see through an update it is attached to said so beside the button (measured +131 B; 24,412 B in all).
  // +0.01 KB: a known problem's words read without `in` (measured +4 B; 24,416 B in all).
  // +0.08 KB: receipts read again when an approval button reads a new decision (measured +77 B; 24,493 B in all).
  // +0.01 KB: an answer without data read to its end, not left for the browser to cancel (measured +10 B; 24,503 B in all).
  // +0.01 KB: a button over several ids, some shared, is aria-pressed "mixed"; the focus style on text areas (measured +13 B; 24,516 B in all).
  // +0.01 KB: the `emails.inspect` route in the client (measured +15 B; 24,531 B in all).
  // +0.19 KB: the api client refuses, before sending, an id that is no non-empty string, a NaN or
  // Infinity in a query and arguments JSON cannot hold, and names the URL a custom fetch's 404
  // came from; a message names ten issues at most (measured +198 B; 24,729 B in all).
  // +0.01 KB: unreadable receipts leave the button usable, without lines (measured +5 B; 24,734 B in all).
  // +0.01 KB: the body written to JSON once, by ky's `stringifyJson` (measured +6 B; 24,740 B in all).
  // +0.01 KB: the page's `lang` found past the shadow roots around an element (measured +12 B; 24,761 B in all).
  // +0.07 KB: "yesterday" is the calendar day before today in the viewer's zone, and a year ago is
  // never "last year" (measured +74 B; 24,835 B in all).
  // +0.01 KB: the approver limit defined once, the `client.project_granted` audit action (measured +7 B; 24,842 B in all).
  // +0.08 KB: the api client asks once more with the cookie when its kept token's session ended,
  // refuses "." and ".." as path ids, reads a proxy's page by its status (measured +78 B; 24,920 B in all).
  // +0.09 KB: a page that switches its language has every element render again in it (measured +93 B; 25,013 B in all).
  // +0.04 KB: every read out with an ended token asked again with the cookie, no write; no HEAD where a GET records a
  // view (measured +40 B; 25,053 B in all).
  // +0.02 KB: a share already removed elsewhere reads as unshared; a failed toggle reads the status again (measured
  // +17 B; 25,070 B in all).
  // +0.09 KB: French elides `de` before a name that starts with a vowel ("Accès aux projets d’Olivia") (measured +93
  // B; 25,163 B in all).
  // +0.01 KB: the elision rule shared with the emails (src/model/french-de.ts) rather than written twice (measured
  // +14 B; 25,177 B in all).
  // +0.15 KB: a refused share said by its issue's code (a draft report, a second schedule) (measured +154 B; 25,331 B
  // in all).
  // +0.01 KB: a refused share's words found by a shared helper, which the string tables' check can follow (measured
  // +13 B; 25,344 B in all).
  // +0.09 KB: a server fault's message names its request id; the confirm page says an address taken meanwhile
  // (measured +92 B; 25,436 B in all).
  // +0.08 KB: host_timeout: a hook that does not answer in time, its class and its words (measured +87 B; 25,523 B in
  // all).
  // +0.02 KB: sign-in asks the tenant first, request ids kept only in the
  // server's shape, the latest project list kept (measured +24 B; 25,547 B in all).
  // +0.01 KB: a decision names the round it was shown; a reopened approval said as such on its card (measured +7 B;
  // 25,554 B in all).
  // +0.00 KB: each client's email language: set by the builder, or the page its invite was accepted on (measured +4
  // B; 25,558 B in all).
  // +0.02 KB: layout at 390 px: "Try again" whole, long errors wrapped, focus rings clear of words, a removed project
  // taken off the list (measured +23 B; 25,581 B in all).
  // +0.00 KB: ApprovalError says its reason (reopened) as ConflictError does (measured +2 B; 25,583 B in all).
  // +0.09 KB: `shares.list` in pages, and the share button's receipts asked for in runs of ids a request line can
  // carry (measured +97 B, after the receipts' pages took 52 B off with no line of their own; 25,628 B in all).
  // +0.09 KB: an empty list sent as one, the share button's runs one after another with what a capped run may hide
  // left out, cursors checked before a store's whole list is read, project ticks kept whichever read fails (measured
  // +96 B; 25,724 B in all).
  [SHARE_BUTTON_PAGE]: 25.13 * KB,
};
const BUDGETS: Record<string, number> = {
  // +0.05 KB: the client list's header count written after the first rows' frame (measured +52 B).
  // +0.25 KB: the client list's first rows in one paint and kept `Intl` formatters (measured +251 B).
  // +0.33 KB: English and French dates without `Intl` (measured +333 B; the share page +314 B).
  // +0.38 KB: recorded views, deadlines with their time elsewhere, focus after a decision and a
  // sent link, long addresses wrapped (measured +387 B; the share page +57 B).
  // +0.17 KB: a link's token kept through a reload until it is used (measured +167 B).
  // +0.27 KB: refused fields as sentences, refused passwords in the page's language (measured
  // +274 B; the share page +18 B, the string table's getter every element shares).
  // +0.91 KB: accessibility: focus kept and handed on, live regions, reduced motion (measured +925 B; share page +55 B).
  // +0.15 KB: elements ask a provider that appears after they connected (`providePortalClient`),
  // and the api client retries no `Retry-After` longer than 5 s (measured +75 B and +92 B).
  // +0.9 KB: replies that are no longer current are dropped (folders, feeds, projects, approvals,
  // share status), a decision sent only as the client the page shows, each dialog's request kept
  // to it, row actions in flight, a network failure said as one, the busy server's wait in words,
  // loading states rendered on a server (measured +925 B).
  // +1.61 KB: withdrawing an approval — the button, its dialog, the withdrawal in the evidence and
  // the closed card in "Waiting on you", and their strings (measured +1,487 B); a client-list
  // dialog reopened while its save is out shown busy (+122 B); the route in the api client (+37 B).
  // +0.45 KB: what keeps an open approval from being decided (approvers who can no longer, a
  // resource changed since it was asked) said beside it, and the names of clients no longer on
  // the project read on their own (measured +454 B).
  // +0.02 KB: `<sg-sign-in no-session>`, for a page that already knows nobody is signed in (measured +18 B).
  // +0.92 KB: the client list on inviting an archived or disabled client and on saving no project
  // (+317 B); `shares.status` in runs, one after another (+236 B); links opened again in the same
  // tab, "Back to sign in" on a dead reset link, a rate limit's wait in minutes; a daily log's day,
  // a first visit's welcome, the default frequency labelled (+384 B together).
  // +0.65 KB: `<sg-confirm-email>`, the page an email confirmation link opens, and its strings,
  // sharing a base class with the reset page (measured +666 B).
  // +0.02 KB: a decision's email, name and evidence in the approvals' response check (62,946 B in all).
  // +0.31 KB: the portal says when access to its project ended while it was open and moves on,
  // taps of 44 px on touch screens, and a link used in this tab said as used after a reload that
  // overtook its answer (63,268 B in all).
  // +0.05 KB: why an approver cannot decide says how to fix it (63,316 B in all).
  // +0.07 KB: another project in the portal is a history step, so Back returns to the one
  // before (63,387 B in all).
  // +0.02 KB: a used link's mark holds ten minutes, for a reload only (63,411 B in all).
  // +0.04 KB: document links and "Email notifications" 44 px tall on touch screens (63,449 B in all).
  // +0.13 KB: client wiring mistakes said as such: no `baseUrl`, a path without a page, a 404 that is not the portal's (63,582 B in all).
  // +0.33 KB: the request dialog shows who cannot decide, and why, before sending (the `approvals.approvers` route) (63,916 B in all).
  // +0.07 KB: the account forms' submit buttons say what they are doing while busy, "Joining…" (63,986 B in all).
  // +0.05 KB: the address typed on the sign-in form carried to "Forgot password?" and back (64,031 B in all).
  // +0.02 KB: a request dialog where nobody can decide offers only "Close" (64,052 B in all).
  // +0.09 KB: inviting a client who already has every project chosen says nothing changed (64,137 B in all).
  // +0.02 KB: a drawing's row dated by its current revision (64,154 B in all).
  // +0.12 KB: a 409 on an address says which field and why: another client uses it, or is confirming it (measured +124 B; 64,278 B in all).
  // +0.03 KB: a refusal for another reason than the address (an archived client) not said as a taken address (measured +37 B; 64,315 B in all).
  // +0.03 KB: a share button's long label wraps in a narrow column (a phone, French) instead of running past it (measured +33 B; 64,348 B in all).
  // +0.14 KB: an item clients see through an update it is attached to said so beside its share button (measured +142 B; 64,490 B in all).
  // +0.04 KB: an expired or invalid invite's page says whom to ask at once, "Sign in" second (measured +39 B; 64,529 B in all).
  // +0.42 KB: the client list gives focus to the row in its place when a row leaves, re-reads a client after a 409 and says what changed, and says "expired" of an expired invite (measured +431 B; 64,960 B in all).
  // +0.55 KB: the portal says an item unshared while it was open is no longer shared (from a refused open or view), and a status in the page's language (measured +564 B; 65,524 B in all).
  // +0.01 KB: an invite past its date on a page left open badged "Invite expired", as its dates say (measured +11 B; 65,535 B in all).
  // +0.17 KB: receipts beside an approval button read again when it reads a new decision (measured +177 B; 65,712 B in all).
  // +0.09 KB: an answer without data read to its end (+8 B); an empty "Archived" filter said as such, a partly shared
  // button "mixed", the focus style on text areas, long labels wrapping in account cards (measured +86 B; 65,806 B in all).
  // −0.01 KB: the client list's notice says its words alone, without "Dismiss" (measured −7 B; 65,799 B in all).
  // +0.05 KB: "Details", file and revision links, "Email notifications" and the invite page's "Ask for a new link" 24 px tall for a mouse too (measured +48 B; 65,847 B in all).
  // +0.03 KB: the email confirmation page looks at its link before showing a form, as the reset page does (measured +35 B; 65,882 B in all).
  // +0.19 KB: the api client refuses, before sending, an id that is no non-empty string, a NaN or
  // Infinity in a query and arguments JSON cannot hold, and names the URL a custom fetch's 404
  // came from; a message names ten issues at most (measured +192 B; 66,074 B in all).
  // +0.2 KB: a waiting change of address held in "Edit details", sent again or withdrawn from it, and
  // its words; Approve offered on a project opened after one with nothing to decide; a sequence's
  // approvers still to decide counted whole (measured +205 B; 66,279 B in all).
  // +0.07 KB: a chosen section's heading focused when a host router sets it, "Show more" leaving the
  // page where it grew, unreadable receipts leaving a share button usable, a notice held by focus
  // and pointer alike, the delivery poll's backoff started over on news (measured +69 B; 66,348 B in all).
  // +0.02 KB: the portal view's sync-hash reads no `location` on a server; links in the details announced (measured +17 B; 66,365 B in all).
  // +0.01 KB: the body written to JSON once, by ky's `stringifyJson`, which says what JSON cannot hold (measured +13 B; 66,378 B in all).
  // +0.2 KB: a builder's brand colour the accent only in the theme whose surface it reads on, the
  // dark one too (`theme`, `auto`, a provider's); text on danger buttons in the surface colour;
  // button labels, dialog titles and text that wrap at 320 px; a daily log's photo links named; the
  // request dialog held while sending; the list's status region always in the tree (measured +204 B; 66,582 B in all).
  // +0.15 KB: a sign-in link opening the page used only when its "Sign in" is pressed (mail scanners open links and run
  // the page), and the card's strings (measured +155 B; 66,737 B in all).
  // +0.02 KB: a resource listed twice (in its module and attached to an update) gets panels of its
  // own in each place, and a Details panel is a group, not a landmark (measured +25 B; 66,762 B in all).
  // +0.05 KB: a search's count said once typing pauses (measured +51 B; 66,813 B in all).
  // +0.01 KB: the page's `lang` found past the shadow roots around an element (measured +4 B; 66,817 B in all).
  // +0.06 KB: "yesterday" is the calendar day before today in the viewer's zone, and a year ago is
  // never "last year" (measured +65 B; 66,882 B in all).
  // +0.02 KB: a refused due date said in the page's language; the date picker starts today (measured +24 B; 66,906 B in all).
  // +0.05 KB: more than 20 clients ticked for approval said in the page's language before sending (measured +51 B; 66,957 B in all).
  // +0.01 KB: the `client.project_granted` audit action in the response checks (measured +8 B; 66,965 B in all).
  // +0.08 KB: the api client asks once more with the cookie when its kept token's session ended,
  // refuses "." and ".." as path ids, reads a proxy's page by its status (measured +81 B; 67,046 B in all).
  // +0.08 KB: a page that switches its language has every element render again in it (measured +84 B; 67,130 B in all).
  // +0.05 KB: every read out with an ended token asked again with the cookie, no write; no HEAD where a GET records a
  // view (measured +48 B; 67,178 B in all).
  // +0.04 KB: an approval button turned to another resource shows nothing of the last; a portal view reads its first
  // feed once (measured +43 B; 67,221 B in all).
  // +0.07 KB: a moved element restarts its timers (delivery polling, notices); a dead sign-in link is not offered
  // again (measured +76 B; 67,297 B in all).
  // +0.03 KB: a share already removed elsewhere reads as unshared; a failed toggle reads the status again (measured
  // +28 B; 67,325 B in all).
  // +0.42 KB: a refused password reset said by its reason; a portal view whose session ended offers "Sign in"; a
  // sign-in link kept through a passing failure (measured +434 B; 67,759 B in all).
  // +0.02 KB: an option chosen clears the request to choose one (measured +16 B; 67,775 B in all).
  // +0.08 KB: French elides `de` before a name that starts with a vowel ("Accès aux projets d’Olivia") (measured +87
  // B; 67,862 B in all).
  // +0.00 KB: the elision rule shared with the emails (src/model/french-de.ts) rather than written twice (measured +1
  // B; 67,863 B in all).
  // +0.10 KB: a refused share said by its issue's code (a draft report, a second schedule) (measured +104 B; 67,967 B
  // in all).
  // +0.01 KB: a refused share's words found by a shared helper, which the string tables' check can follow (measured
  // +15 B; 67,982 B in all).
  // +0.17 KB: a server fault's message names its request id; the confirm page says an address taken meanwhile
  // (measured +177 B; 68,159 B in all).
  // +0.29 KB: "Waiting on you" says a decision refused as already made or no longer asked, and the item reads
  // "Approved by you" at once (measured +295 B; 68,454 B in all).
  // +0.23 KB: the client list's project pickers say why projects could not load, with "Try again", and save nothing
  // meanwhile; a refused address said in the page's language (measured +237 B; 68,691 B in all).
  // +0.08 KB: host_timeout: a hook that does not answer in time, its class and its words (measured +80 B; 68,771 B in
  // all).
  // +0.05 KB: a stale approval settles its card; a removed project said by its issue code (measured +47 B; 68,818 B
  // in all).
  // +0.04 KB: sign-in asks the tenant first, request ids kept only in the
  // server's shape, the latest project list kept (measured +37 B; 68,855 B in all).
  // +0.09 KB: a decision names the round it was shown; a reopened approval said as such on its card (measured +94 B;
  // 68,949 B in all).
  // +0.02 KB: each client's email language: set by the builder, or the page its invite was accepted on (measured +17
  // B; 68,966 B in all).
  // +0.10 KB: layout at 390 px: "Try again" whole, long errors wrapped, focus rings clear of words, a removed project
  // taken off the list (measured +98 B; 69,064 B in all).
  // +0.31 KB: refusals in "Waiting on you" look like warnings, a stale approval offers no decision after a reload,
  // "Show what is asked now", honest badges (measured +313 B; 69,377 B in all).
  // +0.03 KB: "Show what is asked now" takes focus only while the page still shows that project (measured +32 B;
  // 69,409 B in all).
  // +0.00 KB: ApprovalError says its reason (reopened) as ConflictError does (measured +3 B; 69,412 B in all).
  // +0.07 KB: the project boxes kept as they were left when the projects are read again after a removed one and that
  // read fails (measured +69 B; 69,481 B in all).
  // +0.12 KB: an empty list sent as one, the share button's runs one after another with what a capped run may hide
  // left out, cursors checked before a store's whole list is read, project ticks kept whichever read fails (measured
  // +128 B; 69,609 B in all).
  [ALL_ELEMENTS]: 67.98 * KB,
  // +0.16 KB: a provider that appears late is asked; no retry waits out a long `Retry-After` (measured +58 B and +109 B).
  // +0.29 KB: the newest status read only, "Try again" after a failed one, network failures and a
  // busy server's wait said in words (measured +296 B).
  // +0.06 KB: the `approvals.withdraw` route in the client, and a closed approval said as decided
  // or withdrawn (measured +56 B and +7 B).
  // +0.06 KB: `cannotDecide` and `stale` in the approvals' response check (measured +54 B).
  // +0.31 KB: `shares.status` for many ids asked in runs that fit a request line, one after
  // another (measured +227 B); a rate limit's wait said in minutes and two response fields (+95 B).
  // +0.02 KB: a decision's email, name and evidence in the approvals' response check (24,040 B in all).
  // +0.15 KB: client wiring mistakes said as such: no `baseUrl`, a path without a page, a 404 that is not the portal's (24,187 B in all).
  // +0.02 KB: the `approvals.approvers` route in the client (24,209 B in all).
  // +0.03 KB: a 409 on an address says which field and why: another client uses it, or is confirming it (the conflict's `field` and `reason` read back in the client, measured +37 B; 24,246 B in all).
  // +0.04 KB: a share button's long label wraps in a narrow column (a phone, French) instead of running past it (measured +35 B; 24,281 B in all).
  // +0.13 KB: an item clients see through an update it is attached to said so beside the button (measured +131 B; 24,412 B in all).
  // +0.01 KB: a known problem's words read without `in` (measured +4 B; 24,416 B in all).
  // +0.08 KB: receipts read again when an approval button reads a new decision (measured +77 B; 24,493 B in all).
  // +0.01 KB: an answer without data read to its end, not left for the browser to cancel (measured +10 B; 24,503 B in all).
  // +0.01 KB: a button over several ids, some shared, is aria-pressed "mixed"; the focus style on text areas (measured +13 B; 24,516 B in all).
  // +0.01 KB: the `emails.inspect` route in the client (measured +15 B; 24,531 B in all).
  // +0.19 KB: the api client refuses, before sending, an id that is no non-empty string, a NaN or
  // Infinity in a query and arguments JSON cannot hold, and names the URL a custom fetch's 404
  // came from; a message names ten issues at most (measured +198 B; 24,729 B in all).
  // +0.01 KB: unreadable receipts leave the button usable, without lines (measured +5 B; 24,734 B in all).
  // +0.01 KB: the body written to JSON once, by ky's `stringifyJson` (measured +6 B; 24,740 B in all).
  // +0.01 KB: the page's `lang` found past the shadow roots around an element (measured +12 B; 24,761 B in all).
  // +0.07 KB: "yesterday" is the calendar day before today in the viewer's zone, and a year ago is
  // never "last year" (measured +74 B; 24,835 B in all).
  // +0.01 KB: the approver limit defined once, the `client.project_granted` audit action (measured +7 B; 24,842 B in all).
  // +0.08 KB: the api client asks once more with the cookie when its kept token's session ended,
  // refuses "." and ".." as path ids, reads a proxy's page by its status (measured +78 B; 24,920 B in all).
  // +0.09 KB: a page that switches its language has every element render again in it (measured +93 B; 25,013 B in all).
  // +0.04 KB: every read out with an ended token asked again with the cookie, no write; no HEAD where a GET records a
  // view (measured +40 B; 25,053 B in all).
  // +0.02 KB: a share already removed elsewhere reads as unshared; a failed toggle reads the status again (measured
  // +17 B; 25,070 B in all).
  // +0.09 KB: French elides `de` before a name that starts with a vowel ("Accès aux projets d’Olivia") (measured +93
  // B; 25,163 B in all).
  // +0.01 KB: the elision rule shared with the emails (src/model/french-de.ts) rather than written twice (measured
  // +14 B; 25,177 B in all).
  // +0.15 KB: a refused share said by its issue's code (a draft report, a second schedule) (measured +154 B; 25,331 B
  // in all).
  // +0.01 KB: a refused share's words found by a shared helper, which the string tables' check can follow (measured
  // +13 B; 25,344 B in all).
  // +0.09 KB: a server fault's message names its request id; the confirm page says an address taken meanwhile
  // (measured +92 B; 25,436 B in all).
  // +0.08 KB: host_timeout: a hook that does not answer in time, its class and its words (measured +87 B; 25,523 B in
  // all).
  // +0.02 KB: sign-in asks the tenant first, request ids kept only in the
  // server's shape, the latest project list kept (measured +24 B; 25,547 B in all).
  // +0.01 KB: a decision names the round it was shown; a reopened approval said as such on its card (measured +7 B;
  // 25,554 B in all).
  // +0.00 KB: each client's email language: set by the builder, or the page its invite was accepted on (measured +4
  // B; 25,558 B in all).
  // +0.02 KB: layout at 390 px: "Try again" whole, long errors wrapped, focus rings clear of words, a removed project
  // taken off the list (measured +23 B; 25,581 B in all).
  // +0.00 KB: ApprovalError says its reason (reopened) as ConflictError does (measured +2 B; 25,583 B in all).
  // +0.09 KB: `shares.list` in pages, and the share button's receipts asked for in runs of ids a request line can
  // carry (measured +97 B, after the receipts' pages took 52 B off with no line of their own; 25,628 B in all).
  // +0.09 KB: an empty list sent as one, the share button's runs one after another with what a capped run may hide
  // left out, cursors checked before a store's whole list is read, project ticks kept whichever read fails (measured
  // +96 B; 25,724 B in all).
  [SHARE_BUTTON_PAGE]: 25.13 * KB,
  // Each public page +0.6–0.7 KB for the builder's brand: colour checked for contrast, logo,
  // the tenant look-up (measured accept +616 B, reset +683 B, sign-in +688 B).
  // English and French dates without `Intl` added +298 to +334 B to every element; the budgets
  // below that had no room for it are raised by that much.
  // +0.02 KB: long addresses wrap in the card; the full password rule (measured +37 B).
  // +0.16 KB: the token kept in the page's history entry through a reload until used (measured +165 B).
  // +0.22 KB: a refused password by its rule, in English and as translators give it (measured +229 B).
  // +0.16 KB: the busy button keeps focus, then focus on the welcome, a dead link or the error (measured +168 B).
  // +0.07 KB: a provider that appears after the element connected is asked then (measured +73 B).
  // +0.22 KB: a network failure said as one, a busy server's wait, the loading state on a server (measured +223 B).
  // +0.01 KB: a closed approval said as decided or withdrawn, a string every element carries (measured +11 B).
  // +0.09 KB: a rate limit's wait said in minutes (measured +87 B).
  // +0.02 KB: links opened later in the same tab followed by one helper the three link pages share (measured +23 B).
  // +0.08 KB: a link used in this tab said as used after a reload that overtook its answer (14,544 B in all).
  // +0.02 KB: a used link's mark holds ten minutes, for a reload only (14,568 B in all).
  // +0.02 KB: "Joining…" on the busy submit button (14,588 B in all).
  // +0.03 KB: an expired or invalid invite's page says whom to ask at once, "Sign in" second (14,616 B in all).
  // +0.01 KB: a known problem's words read without `in` (14,628 B in all).
  // +0.01 KB: the focus style on text areas, and a long label wrapping in the card (14,642 B in all).
  // +0.03 KB: "Ask for a new link" 24 px tall for a mouse too (14,667 B in all).
  // +0.12 KB: the builder's brand colour the accent only in the theme whose surface it reads on, the dark one
  // too; the shared button styles (measured +122 B; 14,790 B in all).
  // +0.01 KB: placeholders in the muted text colour (measured +16 B; 14,806 B in all).
  // +0.01 KB: the page's `lang` found past the shadow roots around an element (measured +8 B; 14,814 B in all).
  // +0.09 KB: a page that switches its language has every element render again in it (measured +95 B; 14,909 B in all).
  // +0.08 KB: French elides `de` before a name that starts with a vowel ("Accès aux projets d’Olivia") (measured +85
  // B; 14,993 B in all).
  // +0.01 KB: the elision rule shared with the emails (src/model/french-de.ts) rather than written twice (measured +7
  // B; 15,000 B in all).
  // +0.09 KB: a server fault's message names its request id; the confirm page says an address taken meanwhile
  // (measured +90 B; 15,086 B in all).
  // +0.03 KB: host_timeout: a hook that does not answer in time, its class and its words (measured +27 B; 15,112 B in
  // all).
  // +0.01 KB: each client's email language: set by the builder, or the page its invite was accepted on (measured +13
  // B; 15,125 B in all).
  // +0.02 KB: layout at 390 px: "Try again" whole, long errors wrapped, focus rings clear of words, a removed project
  // taken off the list (measured +17 B; 15,142 B in all).
  // +0.01 KB: refusals in "Waiting on you" look like warnings, a stale approval offers no decision after a reload,
  // "Show what is asked now", honest badges (measured +6 B; 15,148 B in all).
  '<sg-accept-invite> alone': 14.8 * KB,
  // +0.2 KB: "Withdraw", its dialog, and the withdrawal in the evidence (measured +1,366 B, in the
  // 16 KB it had until then).
  // +0.39 KB: what keeps an open approval from being decided (approvers who can no longer, and
  // why; a resource changed since it was asked); names of clients no longer on the project read
  // on their own (measured +401 B).
  // +0.09 KB: a rate limit's wait said in minutes (measured +92 B).
  // +0.05 KB: why an approver cannot decide says how to fix it (17,128 B in all).
  // +0.27 KB: the request dialog shows who cannot decide, and why, before sending (the `approvals.approvers` route) (17,402 B in all).
  // +0.02 KB: a request dialog where nobody can decide offers only "Close" (17,424 B in all).
  // +0.01 KB: the strings of the client list's row fixes and a known problem's words read without `in` (17,430 B in all).
  // +0.12 KB: a new decision read tells share buttons showing the resource's receipts to read them again (17,557 B in all).
  // +0.01 KB: the focus style on text areas (17,570 B in all).
  // +0.01 KB: one test of lost focus that the client list and the portal share, in the module this element loads too (17,572 B in all).
  // +0.06 KB: the request dialog held while sending, a failure after it closed said beside the button; text on danger
  // buttons in the surface colour, labels that wrap (measured +62 B; 17,634 B in all).
  // +0.01 KB: placeholders in the muted text colour (measured +15 B; 17,649 B in all).
  // +0.01 KB: the page's `lang` found past the shadow roots around an element (measured +9 B; 17,658 B in all).
  // +0.08 KB: a refused due date said in the page's language; the date picker starts today (measured +80 B; 17,738 B in all).
  // +0.06 KB: more than 20 clients ticked said in the page's language before sending (measured +60 B; 17,798 B in all).
  // +0.09 KB: a page that switches its language has every element render again in it (measured +88 B; 17,886 B in all).
  // +0.01 KB: an approval button turned to another resource shows nothing of the last; a portal view reads its first
  // feed once (measured +15 B; 17,901 B in all).
  // +0.09 KB: French elides `de` before a name that starts with a vowel ("Accès aux projets d’Olivia") (measured +88
  // B; 17,978 B in all).
  // +0.01 KB: the elision rule shared with the emails (src/model/french-de.ts) rather than written twice (measured +7
  // B; 17,985 B in all).
  // +0.09 KB: a server fault's message names its request id; the confirm page says an address taken meanwhile
  // (measured +96 B; 18,081 B in all).
  // +0.03 KB: host_timeout: a hook that does not answer in time, its class and its words (measured +26 B; 18,107 B in
  // all).
  // +0.00 KB: layout at 390 px: "Try again" whole, long errors wrapped, focus rings clear of words, a removed project
  // taken off the list (measured +5 B; 18,112 B in all).
  '<sg-approval-button> alone': 17.69 * KB,
  // +2.35 KB: live invite delivery, fading notices, the disable confirmation, the digest control
  // and their strings (measured +2,255 B), and the contract's new routes in the api client it
  // loads (+221 B).
  // +0.05 KB: the actions button on the row's first line at 390 px, names wrapping there, and a
  // list only as tall as its rows, windowed for its real height (measured +51 B).
  // +0.05 KB: the header count written after the first rows' frame (measured +47 B).
  // +0.21 KB: first rows in one paint (no spinner frame for a quick load, pages shown once a
  // frame, the count once every page is in, a newer load never mixed with an older one's pages)
  // and `Intl` formatters kept per language (measured +207 B).
  // +0.01 KB: a notice wraps a long address beside its dismiss button (measured +11 B).
  // +0.13 KB: refused fields as sentences; the server's length limits on name and email (measured +132 B).
  // +0.28 KB: focus kept in busy dialogs and handed on, Tab out of a row menu, search results said (measured +294 B).
  // +0.06 KB: a provider that appears after the element connected is asked then (measured +64 B).
  // +0.38 KB: each dialog's request kept to it, row actions in flight ("Sending…"), network and busy messages (measured +393 B).
  // +0.12 KB: a dialog reopened on a client whose save is out shows it busy (measured +108 B),
  // a closed approval said as decided or withdrawn (+17 B).
  // +0.36 KB: inviting an archived or disabled client says what still keeps it out, and saving no
  // project asks first (measured +282 B); a rate limit's wait in minutes (+89 B).
  // +0.08 KB: inviting a client who already has every project chosen says nothing changed (24,713 B in all).
  // +0.09 KB: a 409 on an address says which field and why: another client uses it, or is confirming it (measured +97 B; 24,810 B in all).
  // +0.03 KB: a refusal for another reason than the address (an archived client) not said as a taken address (measured +32 B; 24,842 B in all).
  // +0.42 KB: focus to the row in its place when an action takes a row out of the list, a client
  // re-read after a 409 and what changed said, "expired" of an expired invite (measured +424 B; 25,266 B in all).
  // +0.01 KB: an invite past its date on a page left open badged "Invite expired", as its dates say (25,274 B in all).
  // +0.06 KB: an empty "Archived" filter says no archived clients (not "no clients yet") and counts archived clients; the focus style on text areas (25,338 B in all).
  // +0.01 KB: the notice says its words alone, without "Dismiss" (measured +2 B; 25,340 B in all).
  // +0.13 KB: a waiting change of address held in "Edit details", sent again or withdrawn from it, and its words (25,467 B in all).
  // +0.03 KB: a notice held by focus and pointer alike, the delivery poll's backoff started over on news (25,498 B in all).
  // +0.02 KB: the success notice's status region always in the tree; text on danger buttons in the surface colour; labels,
  // dialog titles and text that wrap at 320 px (measured +27 B; 25,525 B in all).
  // +0.01 KB: placeholders in the muted text colour, the title row a div, not a banner (measured +8 B; 25,533 B in all).
  // +0.05 KB: a search's count said once typing pauses (measured +46 B; 25,579 B in all).
  // +0.01 KB: the page's `lang` found past the shadow roots around an element (measured +15 B; 25,594 B in all).
  // +0.08 KB: a page that switches its language has every element render again in it (measured +84 B; 25,678 B in all).
  // +0.04 KB: a moved element restarts its timers (delivery polling, notices); a dead sign-in link is not offered
  // again (measured +39 B; 25,717 B in all).
  // +0.26 KB: a refused password reset said by its reason; a portal view whose session ended offers "Sign in"; a
  // sign-in link kept through a passing failure (measured +268 B; 25,985 B in all).
  // +0.08 KB: French elides `de` before a name that starts with a vowel ("Accès aux projets d’Olivia") (measured +84
  // B; 26,069 B in all).
  // +0.01 KB: the elision rule shared with the emails (src/model/french-de.ts) rather than written twice (measured
  // +11 B; 26,080 B in all).
  // +0.09 KB: a server fault's message names its request id; the confirm page says an address taken meanwhile
  // (measured +89 B; 26,169 B in all).
  // +0.24 KB: the client list's project pickers say why projects could not load, with "Try again", and save nothing
  // meanwhile; a refused address said in the page's language (measured +248 B; 26,416 B in all).
  // +0.03 KB: host_timeout: a hook that does not answer in time, its class and its words (measured +27 B; 26,443 B in
  // all).
  // +0.03 KB: a stale approval settles its card; a removed project said by its issue code (measured +34 B; 26,477 B
  // in all).
  // +0.01 KB: sign-in asks the tenant first, request ids kept only in the
  // server's shape, the latest project list kept (measured +15 B; 26,492 B in all).
  // +0.08 KB: layout at 390 px: "Try again" whole, long errors wrapped, focus rings clear of words, a removed project
  // taken off the list (measured +79 B; 26,570 B in all).
  // +0.07 KB: the project boxes kept as they were left when the projects are read again after a removed one and that
  // read fails (measured +67 B; 26,637 B in all).
  // +0.03 KB: an empty list sent as one, the share button's runs one after another with what a capped run may hide
  // left out, cursors checked before a store's whole list is read, project ticks kept whichever read fails (measured
  // +32 B; 26,669 B in all).
  '<sg-client-list> alone': 26.05 * KB,
  // The confirmation link's page: the reset page's form and brand, without its link inspection or new-link form (measured 14,674 B).
  // +0.05 KB: its token, brand and submit in the base class it shares with the reset page (measured +55 B).
  // +0.09 KB: a link used in this tab said as used after a reload that overtook its answer (14,820 B in all).
  // +0.02 KB: a used link's mark holds ten minutes, for a reload only (14,842 B in all).
  // +0.05 KB: "Confirming…" on the busy submit button (14,898 B in all).
  // +0.01 KB: a 409 on an address says which field and why: another client uses it, or is confirming it (the conflict's members in the client, measured +2 B; 14,900 B in all).
  // +0.01 KB: a known problem's words read without `in` (14,905 B in all).
  // +0.01 KB: the focus style on text areas, and a long label wrapping in the card (14,917 B in all).
  // +0.17 KB: the link looked at first (`emails.inspect`), a dead one said at once, "Try again" when looking failed, and the
  // new address given to password managers (measured +176 B; 15,093 B in all).
  // +0.14 KB: the builder's brand colour the accent only in the theme whose surface it reads on, the dark one
  // too; the shared button styles (measured +137 B; 15,230 B in all).
  // +0.01 KB: placeholders in the muted text colour (measured +16 B; 15,246 B in all).
  // +0.01 KB: the page's `lang` found past the shadow roots around an element (measured +10 B; 15,256 B in all).
  // +0.09 KB: a page that switches its language has every element render again in it (measured +91 B; 15,347 B in all).
  // +0.08 KB: French elides `de` before a name that starts with a vowel ("Accès aux projets d’Olivia") (measured +83
  // B; 15,430 B in all).
  // +0.01 KB: the elision rule shared with the emails (src/model/french-de.ts) rather than written twice (measured +8
  // B; 15,438 B in all).
  // +0.18 KB: a server fault's message names its request id; the confirm page says an address taken meanwhile
  // (measured +183 B; 15,621 B in all).
  // +0.02 KB: host_timeout: a hook that does not answer in time, its class and its words (measured +25 B; 15,651 B in
  // all).
  // +0.02 KB: layout at 390 px: "Try again" whole, long errors wrapped, focus rings clear of words, a removed project
  // taken off the list (measured +20 B; 15,671 B in all).
  '<sg-confirm-email> alone': 15.31 * KB,
  // Carries the api client: every route of the contract, with its response check.
  // +0.02 KB: the feed's `isNew` and `newCounts` checks (measured +20 B).
  // +0.12 KB: the five `notifications.*` routes (measured +122 B).
  // +0.05 KB: the `updates.edit` and `updates.remove` routes (measured +47 B).
  // +0.02 KB: `cannotDecide` and `stale` in the approvals' response check (measured +47 B, in the room it had).
  // +0.23 KB: `shares.status` asked in runs for many ids (measured +227 B), two response fields (+13 B).
  // +0.02 KB: a decision's email, name and evidence in the approvals' response check (17,925 B in all).
  // +0.16 KB: client wiring mistakes said as such: no `baseUrl`, a path without a page, a 404 that is not the portal's (18,086 B in all).
  // +0.03 KB: the `approvals.approvers` route (18,121 B in all).
  // +0.04 KB: a 409 on an address says which field and why: another client uses it, or is confirming it (the conflict's `field` and `reason` read back in the client, measured +37 B; 18,158 B in all).
  // +0.01 KB: `attached` in the share status's response check (18,169 B in all).
  // +0.01 KB: an answer without data read to its end, not left for the browser to cancel (18,181 B in all).
  // +0.01 KB: the `emails.inspect` route in the client (18,191 B in all).
  // +0.19 KB: ids, query numbers and JSON arguments refused before sending, a custom fetch's 404
  // named by its URL, ten issues at most in a message (measured +193 B; 18,384 B in all).
  // +0.03 KB: the dark theme's flag, which a brand colour inside reads (measured +26 B; 18,416 B in all).
  // +0.01 KB: the approver limit defined once, the `client.project_granted` audit action (measured +6 B; 18,422 B in all).
  // +0.08 KB: the api client asks once more with the cookie when its kept token's session ended,
  // refuses "." and ".." as path ids, reads a proxy's page by its status (measured +78 B; 18,500 B in all).
  // +0.04 KB: every read out with an ended token asked again with the cookie, no write; no HEAD where a GET records a
  // view (measured +38 B; 18,538 B in all).
  // +0.05 KB: host_timeout: a hook that does not answer in time, its class and its words (measured +54 B; 18,592 B in
  // all).
  // +0.03 KB: sign-in asks the tenant first, request ids kept only in the
  // server's shape, the latest project list kept (measured +26 B; 18,618 B in all).
  // +0.01 KB: each client's email language: set by the builder, or the page its invite was accepted on (measured +7
  // B; 18,627 B in all).
  // +0.00 KB: ApprovalError says its reason (reopened) as ConflictError does (measured +1 B; 18,628 B in all).
  // +0.01 KB: `shares.list` in pages, and the share button's receipts asked for in runs of ids a request line can
  // carry (measured +8 B; 18,644 B in all).
  // +0.02 KB: an empty list sent as one, the share button's runs one after another with what a capped run may hide
  // left out, cursors checked before a store's whole list is read, project ticks kept whichever read fails (measured
  // +17 B; 18,661 B in all).
  '<sg-portal-provider> alone': 18.23 * KB,
  // 14.75 KB until item details, overview and brand (+3.9 KB) and "Waiting on you" (+3.2 KB).
  // +1.4 KB: "New" badges and counts, the email-notifications control and their strings (measured +1,417 B).
  // +0.04 KB: "Edited" on edited updates, the string and the routes (measured +35 B).
  // +0.03 KB: a long item name wraps beside its module icon; accent-coloured radios (measured +29 B).
  // +0.07 KB: `Intl` formatters kept per language, dates included (measured +70 B).
  // +0.23 KB: followed links and viewer photos recorded as views (at most once a minute each), a
  // deadline's time where it is not the end of a local day, focus on a decision's outcome
  // (measured +235 B).
  // +0.01 KB: a report's fields in one list with its inspector (measured +14 B).
  // +0.67 KB: focus after "Show more", "Try again" and saving, live regions, the project select on Enter (measured +680 B).
  // +0.07 KB: a provider that appears after the element connected is asked then (measured +68 B).
  // +0.53 KB: replies no longer current dropped, a decision only as the client shown, each confirmation's request kept to it, network and busy messages (measured +545 B).
  // +0.26 KB: an approval withdrawn while the page was open, shown closed with its reason (measured +260 B).
  // +0.14 KB: a daily log's own day on its row, a welcome on a first visit, the builder's default
  // frequency always labelled (measured +144 B).
  // +0.20 KB: access to the project ended while the page was open, said and moved on from; taps
  // of 44 px on touch screens (26,303 B in all).
  // +0.06 KB: another project is a history step, so Back returns to the one before (26,365 B in all).
  // +0.03 KB: document links and "Email notifications" 44 px tall on touch screens (26,394 B in all).
  // +0.01 KB: a drawing's row dated by its current revision (26,405 B in all).
  // +0.53 KB: an item unshared while the page was open said as no longer shared, from a refused
  // open or view receipt (which also learns a revoked project), and statuses in the page's
  // language (measured +543 B; 26,948 B in all).
  // +0.03 KB: "Details", file and revision links and "Email notifications" 24 px tall for a mouse too (26,982 B in all).
  // +0.06 KB: Approve offered on a project opened after one with nothing to decide; a sequence's approvers still to decide counted whole (27,038 B in all).
  // +0.03 KB: a chosen section's heading focused when a host router sets it, "Show more" leaving the page where it grew (27,068 B in all).
  // +0.01 KB: a followed revision, PDF or photo link in the details announced as the name link is (27,075 B in all).
  // +0.01 KB: sync-hash reads no `location` on a server (27,089 B in all).
  // +0.16 KB: the builder's brand colour the accent only in the theme whose surface it reads on, the dark one too; a daily
  // log's photo links named, "(opens in a new tab)" said (measured +162 B; 27,251 B in all).
  // +0.02 KB: a resource listed twice gets panels of its own in each place (measured +16 B; 27,273 B in all).
  // +0.09 KB: a page that switches its language has every element render again in it (measured +93 B; 27,369 B in all).
  // +0.01 KB: an approval button turned to another resource shows nothing of the last; a portal view reads its first
  // feed once (measured +12 B; 27,381 B in all).
  // +0.13 KB: a refused password reset said by its reason; a portal view whose session ended offers "Sign in"; a
  // sign-in link kept through a passing failure (measured +131 B; 27,512 B in all).
  // +0.01 KB: an option chosen clears the request to choose one (measured +12 B; 27,524 B in all).
  // +0.08 KB: French elides `de` before a name that starts with a vowel ("Accès aux projets d’Olivia") (measured +87
  // B; 27,611 B in all).
  // +0.01 KB: the elision rule shared with the emails (src/model/french-de.ts) rather than written twice (measured
  // +15 B; 27,626 B in all).
  // +0.08 KB: a server fault's message names its request id; the confirm page says an address taken meanwhile
  // (measured +80 B; 27,706 B in all).
  // +0.28 KB: "Waiting on you" says a decision refused as already made or no longer asked, and the item reads
  // "Approved by you" at once (measured +288 B; 27,994 B in all).
  // +0.03 KB: host_timeout: a hook that does not answer in time, its class and its words (measured +29 B; 28,022 B in
  // all).
  // +0.01 KB: a stale approval settles its card; a removed project said by its issue code (measured +8 B; 28,030 B in
  // all).
  // +0.09 KB: a decision names the round it was shown; a reopened approval said as such on its card (measured +92 B;
  // 28,122 B in all).
  // +0.01 KB: layout at 390 px: "Try again" whole, long errors wrapped, focus rings clear of words, a removed project
  // taken off the list (measured +10 B; 28,132 B in all).
  // +0.28 KB: refusals in "Waiting on you" look like warnings, a stale approval offers no decision after a reload,
  // "Show what is asked now", honest badges (measured +291 B; 28,423 B in all).
  // +0.03 KB: "Show what is asked now" takes focus only while the page still shows that project (measured +30 B;
  // 28,453 B in all).
  '<sg-portal-view> alone': 27.79 * KB,
  // +0.06 KB: a viewer no longer on the project named, read on its own (measured +64 B).
  // +0.01 KB: the string table's getter (measured +12 B).
  // +0.05 KB: busy buttons aria-disabled (they keep focus), no motion when reduced motion is asked for (measured +52 B).
  // +0.07 KB: a provider that appears after the element connected is asked then (measured +71 B).
  // +0.30 KB: the newest status read only, "Try again" after a failed one, network and busy messages (measured +309 B).
  // +0.01 KB: a closed approval said as decided or withdrawn (measured +8 B).
  // +0.08 KB: a rate limit's wait said in minutes, a string every element carries (measured +81 B).
  // +0.03 KB: a share button's long label wraps in a narrow column (a phone, French) instead of running past it (12,796 B in all).
  // +0.14 KB: an item clients see through an update it is attached to said so beside the button (12,930 B in all).
  // +0.01 KB: a known problem's words read without `in` (12,936 B in all).
  // +0.08 KB: receipts read again when an approval button reads a new decision (13,013 B in all).
  // +0.02 KB: a button over several ids, some shared, is aria-pressed "mixed"; the focus style on text areas (13,029 B in all).
  // +0.02 KB: the shared button styles: text on danger buttons in the surface colour, a primary button's hover away from
  // its text, labels that wrap; the dark theme's flag (measured +20 B; 13,047 B in all).
  // +0.06 KB: receipts' "yesterday" by the calendar, a year ago never "last year" (measured +63 B; 13,112 B in all).
  // +0.09 KB: a page that switches its language has every element render again in it (measured +97 B; 13,209 B in all).
  // +0.02 KB: a share already removed elsewhere reads as unshared; a failed toggle reads the status again (measured
  // +21 B; 13,230 B in all).
  // +0.09 KB: French elides `de` before a name that starts with a vowel ("Accès aux projets d’Olivia") (measured +92
  // B; 13,322 B in all).
  // +0.01 KB: the elision rule shared with the emails (src/model/french-de.ts) rather than written twice (measured
  // +11 B; 13,333 B in all).
  // +0.17 KB: a refused share said by its issue's code (a draft report, a second schedule) (measured +177 B; 13,510 B
  // in all).
  // +0.01 KB: a refused share's words found by a shared helper, which the string tables' check can follow (measured
  // +13 B; 13,523 B in all).
  // +0.08 KB: a server fault's message names its request id; the confirm page says an address taken meanwhile
  // (measured +84 B; 13,607 B in all).
  // +0.03 KB: host_timeout: a hook that does not answer in time, its class and its words (measured +26 B; 13,634 B in
  // all).
  // +0.02 KB: layout at 390 px: "Try again" whole, long errors wrapped, focus rings clear of words, a removed project
  // taken off the list (measured +23 B; 13,658 B in all).
  // +0.16 KB: `shares.list` in pages, and the share button's receipts asked for in runs of ids a request line can
  // carry (measured +166 B, after the receipts' pages took 48 B off with no line of their own; 13,776 B in all).
  // +0.07 KB: an empty list sent as one, the share button's runs one after another with what a capped run may hide
  // left out, cursors checked before a store's whole list is read, project ticks kept whichever read fails (measured
  // +75 B; 13,851 B in all).
  '<sg-share-button> alone': 13.53 * KB,
  // +0.07 KB: focus on "link sent"; long text wraps in the card (measured +73 B).
  // +0.15 KB: the token kept through a reload until used (measured +149 B).
  // +0.22 KB: a refused password by its rule, in the page's language (measured +221 B).
  // +0.13 KB: the busy button keeps focus, then focus on "password set", a dead link or the error (measured +135 B).
  // +0.07 KB: a provider that appears after the element connected is asked then (measured +70 B).
  // +0.22 KB: network and busy messages, the loading state on a server (measured +230 B).
  // +0.01 KB: a closed approval said as decided or withdrawn (measured +16 B).
  // +0.22 KB: another reset link in the same tab starts afresh (not one kept in history), "Back to
  // sign in" on a dead link, a rate limit's wait in minutes (measured +228 B).
  // +0.04 KB: the same shared helper for links opened later in the same tab (measured +34 B).
  // +0.06 KB: the page's token, brand and submit in a base class shared with `<sg-confirm-email>`,
  // which also frees a page given another token mid-request (measured +52 B alone; all elements
  // together −111 B).
  // +0.09 KB: a link used in this tab said as used after a reload that overtook its answer (14,960 B in all).
  // +0.02 KB: a used link's mark holds ten minutes, for a reload only (14,981 B in all).
  // +0.05 KB: "Setting password…" and "Sending…" on the busy submit buttons (15,040 B in all).
  // +0.01 KB: the link form it shares with `<sg-sign-in>` starts with an address given (15,043 B in all).
  // +0.01 KB: the strings of the client list's row fixes and a known problem's words read without `in` (15,054 B in all).
  // +0.01 KB: the focus style on text areas, and a long label wrapping in the card (15,069 B in all).
  // +0.03 KB: looking at the link moved to the base class the confirmation page shares, and the `emails.inspect` route (15,098 B in all).
  // +0.13 KB: the builder's brand colour the accent only in the theme whose surface it reads on, the dark one
  // too; the shared button styles (measured +130 B; 15,233 B in all).
  // +0.01 KB: placeholders in the muted text colour (measured +14 B; 15,247 B in all).
  // +0.01 KB: none of its code: the sign-in link card's strings, in the string module it shares, change the minifier's
  // short names (measured +2 B; 15,249 B in all).
  // +0.09 KB: a page that switches its language has every element render again in it (measured +94 B; 15,350 B in all).
  // +0.08 KB: French elides `de` before a name that starts with a vowel ("Accès aux projets d’Olivia") (measured +81
  // B; 15,433 B in all).
  // +0.01 KB: the elision rule shared with the emails (src/model/french-de.ts) rather than written twice (measured
  // +12 B; 15,445 B in all).
  // +0.08 KB: a server fault's message names its request id; the confirm page says an address taken meanwhile
  // (measured +83 B; 15,529 B in all).
  // +0.03 KB: host_timeout: a hook that does not answer in time, its class and its words (measured +32 B; 15,560 B in
  // all).
  // +0.02 KB: layout at 390 px: "Try again" whole, long errors wrapped, focus rings clear of words, a removed project
  // taken off the list (measured +18 B; 15,572 B in all).
  '<sg-reset-password> alone': 15.21 * KB,
  // +0.08 KB: focus on "link sent"; long text wraps in the card (measured +78 B).
  // +0.15 KB: a sign-in link's token kept through a reload until used (measured +150 B).
  // +0.11 KB: refused fields as sentences (measured +108 B).
  // +0.14 KB: the busy button keeps focus, then focus on the refused field, the error or "link sent" (measured +144 B).
  // +0.08 KB: a provider that appears after the element connected is asked then (measured +80 B).
  // +0.22 KB: network and busy messages, the loading state on a server (measured +222 B).
  // +0.02 KB: a closed approval said as decided or withdrawn (measured +16 B).
  // +0.03 KB: `no-session`, for a page that already knows nobody is signed in (measured +27 B).
  // +0.28 KB: another sign-in link opened in the same tab is used (not one kept in history); a rate
  // limit's wait said in minutes (measured +282 B).
  // +0.02 KB: the same shared helper for links opened later in the same tab (measured +21 B).
  // +0.01 KB: the link helpers it shares with the other link pages (14,454 B in all).
  // +0.04 KB: "Signing in…" and "Sending…" on the busy submit buttons (14,497 B in all).
  // +0.05 KB: the address typed carried to "Forgot password?" and the link form, and back (14,544 B in all).
  // +0.01 KB: a known problem's words read without `in` (14,548 B in all).
  // +0.01 KB: the focus style on text areas, and "Recevoir un lien de connexion par e-mail" wrapping in the card at 390 px (14,560 B in all).
  // +0.13 KB: the builder's brand colour the accent only in the theme whose surface it reads on, the dark one
  // too; the shared button styles (measured +128 B; 14,688 B in all).
  // +0.01 KB: placeholders in the muted text colour (measured +16 B; 14,704 B in all).
  // +0.15 KB: a sign-in link opening the page used only when its "Sign in" is pressed (mail scanners open links and run
  // the page), and the card's strings (measured +150 B; 14,854 B in all).
  // +0.01 KB: the page's `lang` found past the shadow roots around an element (measured +7 B; 14,861 B in all).
  // +0.09 KB: a page that switches its language has every element render again in it (measured +91 B; 14,949 B in all).
  // +0.04 KB: a moved element restarts its timers (delivery polling, notices); a dead sign-in link is not offered
  // again (measured +43 B; 14,992 B in all).
  // +0.01 KB: a refused password reset said by its reason; a portal view whose session ended offers "Sign in"; a
  // sign-in link kept through a passing failure (measured +6 B; 14,998 B in all).
  // +0.09 KB: French elides `de` before a name that starts with a vowel ("Accès aux projets d’Olivia") (measured +91
  // B; 15,089 B in all).
  // +0.01 KB: the elision rule shared with the emails (src/model/french-de.ts) rather than written twice (measured +7
  // B; 15,096 B in all).
  // +0.08 KB: a server fault's message names its request id; the confirm page says an address taken meanwhile
  // (measured +87 B; 15,183 B in all).
  // +0.03 KB: host_timeout: a hook that does not answer in time, its class and its words (measured +28 B; 15,212 B in
  // all).
  // +0.02 KB: layout at 390 px: "Try again" whole, long errors wrapped, focus rings clear of words, a removed project
  // taken off the list (measured +20 B; 15,232 B in all).
  '<sg-sign-in> alone': 14.88 * KB,
  // The client is built from the API contract table (every route, with its response check).
  // +0.05 KB: `tenants.look` (measured +37 B).
  // +0.12 KB: the five `notifications.*` routes (measured +122 B).
  // +0.05 KB: `updates.edit` and `updates.remove` (measured +42 B).
  // +0.02 KB: `cannotDecide` and `stale` in the approvals' response check (measured +51 B, in the room it had).
  // +0.21 KB: `shares.status` for many ids asked in runs that fit a request line, one after
  // another, a refused id named by its place (measured +209 B); `tenantDefault` and `firstVisit`
  // in the response checks (+10 B).
  // +0.03 KB: a decision's email, name, evidence and its hash in the approvals' response check
  // (10,977 B in all).
  // +0.16 KB: client wiring mistakes said as such: no `baseUrl`, a path without a page, a 404 that is not the portal's (11,134 B in all).
  // +0.02 KB: the `approvals.approvers` route (11,159 B in all).
  // +0.04 KB: a 409 on an address says which field and why: another client uses it, or is confirming it (the conflict's `field` and `reason` read back, measured +42 B; 11,201 B in all).
  // +0.01 KB: `attached` in the share status's response check (11,206 B in all).
  // +0.01 KB: an answer without data read to its end, not left for the browser to cancel (11,217 B in all).
  // +0.01 KB: the `emails.inspect` route (11,224 B in all).
  // +0.19 KB: ids, query numbers and JSON arguments refused before sending, a custom fetch's 404
  // named by its URL, ten issues at most in a message (measured +196 B; 11,420 B in all).
  // +0.01 KB: the body written to JSON once, by ky's `stringifyJson` (measured +11 B; 11,431 B in all).
  // +0.01 KB: the approver limit defined once, the `client.project_granted` audit action (measured +8 B; 11,439 B in all).
  // +0.08 KB: a kept token whose session ended gives way to the cookie, "." and ".." refused as
  // path ids, a proxy's page read by its status (measured +79 B; 11,518 B in all).
  // +0.04 KB: every read out with an ended token asked again with the cookie, no write; no HEAD where a GET records a
  // view (measured +40 B; 11,558 B in all).
  // +0.06 KB: host_timeout: a hook that does not answer in time, its class and its words (measured +60 B; 11,618 B in
  // all).
  // +0.02 KB: sign-in asks the tenant first, request ids kept only in the
  // server's shape, the latest project list kept (measured +25 B; 11,643 B in all).
  // +0.01 KB: each client's email language: set by the builder, or the page its invite was accepted on (measured +7
  // B; 11,653 B in all).
  // +0.00 KB: ApprovalError says its reason (reopened) as ConflictError does (measured +2 B; 11,655 B in all).
  // +0.01 KB: `shares.list` in pages (measured +6 B; 11,669 B in all).
  // +0.01 KB: an empty list sent as one, the share button's runs one after another with what a capped run may hide
  // left out, cursors checked before a store's whole list is read, project ticks kept whichever read fails (measured
  // +13 B; 11,682 B in all).
  'sitegate/client': 11.41 * KB,
  // The core is for servers and tests more than pages; it carries zod and the common-password
  // list. 66 KB until accounts, approvals, receipts and events (+10 KB).
  // +2.3 KB: emails by locale, French tables (the digest's +227 B), host renderers, `tenants.look` (measured +2,044 B before the digest's words and hook).
  // +3.75 KB: notification digests — preferences, queueing, assembly, the send-time access
  // re-check and the digest email (10.7 KB minified, ≈3.6 KB of the gzipped whole).
  // +0.36 KB: editing and removing updates, their input schema and routes (measured +361 B).
  // +0.11 KB: the lean audience read and batched digest jobs (85,412 → 85,517 B).
  // +0.66 KB: digests sent batch by batch — shared reads, coalesced token and outcome writes,
  // pooled id randomness (measured +675 B).
  // +1.15 KB: a single `portal.can` without the batch machinery (one-resource ancestry, nested
  // verdict maps, compiled policies compared by their facts, hand-checked tenant settings) and
  // the feed's reads issued with the scope's (measured +1,176 B; 87,368 B in all).
  // +0.35 KB: fewer round trips per request — the session and its client in one read handed to
  // the request's scope, one-statement shares, the feed's reads in one, a folder's children
  // read with its ancestry (measured +349 B; 87,717 B in all).
  // +0.03 KB: ids are never a name every object has, `__proto__` and the like (measured +35 B;
  // 87,752 B in all).
  // +0.02 KB: client records, their status and JSON copied without object spreads
  // (`plainCopy`), feed refs made straight from the shares (measured +16 B; 87,768 B in all).
  // +0.16 KB: `paginate` copies the rows it returns by hand (`copyRecord`, six times faster than
  // `structuredClone` for an update) (measured +160 B; 87,928 B in all).
  // +0.09 KB: a client's packed rules made once per compiled ability and frozen, so `GET /me`
  // writes their JSON once per set of facts (measured +86 B; 88,014 B in all).
  // +0.03 KB: `copyRecord` copies with one spread and skips inherited keys, a third cheaper for a
  // client's record (measured +27 B; 88,041 B in all).
  // +0.11 KB: opening a resource reads the client's receipt with its grants, in one statement
  // (`loadGrantsAndReceipt`, and the read of its own for an adapter that does not answer it)
  // (measured +115 B; 88,156 B in all).
  // +0.04 KB: a role's actions and modules each named once, the actions bounded (measured +39 B;
  // 88,195 B in all).
  // +0.02 KB: the older `branding` checked like `brand`, an address held while it is claimed,
  // an unshare that removed nothing refused (measured +19 B; 88,214 B in all).
  // +0.13 KB: a client told only of the attachments and parent folders it may see, and an
  // approval whose resource it may no longer see answered as unknown (measured +130 B; 88,344 B in all).
  // +0.22 KB: emails: one page for the link emails and the digest, long names wrapped, bidi
  // controls dropped, one-pass placeholders with the French `d’`, a Message-ID with a dotted
  // domain, each digest item once (measured +224 B; 88,568 B in all).
  // +0.48 KB: createPortal refuses a storage, mail or content source without its methods and an
  // option that should be a function, naming each and what to use instead, and reports settings
  // the tenants hook answers wrongly as the host's fault, field by field (measured +488 B;
  // 89,056 B in all).
  // +0.57 KB: a decision re-reads access in its transaction under the client's row and the
  // project's access lock, a confirmed address takes a new password, and what a client opened is
  // not news when shared again (measured +578 B; 89,634 B in all).
  // +0.49 KB: withdrawing an approval (measured +240 B), and the feed's parent folders seen
  // through a folder further up (+296 B; 90,138 B in all).
  // +0.44 KB: the staff list's `cannotDecide` and `stale`, what keeps an open approval from being
  // decided (measured +446 B; 90,584 B in all).
  // +0.15 KB: asking again about a changed resource withdraws the open approvals about it as it
  // was (measured +154 B; 90,738 B in all).
  // +0.73 KB: `access.revoked` events to the host — removed shares, projects, attachments and
  // updates, portal access, archives, what a narrower role loses (measured +742 B; 91,480 B in all).
  // +0.01 KB: one `withdrawnOf` for the two ways an approval is withdrawn (measured +9 B).
  // +0.21 KB: a client given again keeps its name; an event given up reaches `onError`; notification
  // preferences carry the tenant's default and the feed its first visit; `shares.status` without
  // ids said as missing ids (measured +117 B, +36 B and +62 B).
  // +0.36 KB: the feed's cursors name their section (measured +125 B); a sent mail's record tried
  // again through a moment's storage failure, not past `stop()`, a lost commit answer read back
  // (measured +241 B).
  // +0.3 KB: each decision's evidence — its canonical text, hash and link to the decision before
  // it, the decider's email and name then — and a reopening that withdraws the approvals about
  // the resource as it was (measured +301 B; 92,371 B in all).
  // +0.02 KB: a shortened `sessionTtlDays` shortens sessions already out (measured +18 B; 92,389 B in all).
  // +0.08 KB: a due date that is no date-time and approvers that are no list said as such, and
  // a withdrawn approval's refusal in its own words (measured +82 B; 92,471 B in all).
  // +0.05 KB: a decision notes the client's view of what it decided on (measured +53 B; 92,524 B in all).
  // +0.36 KB: an option `createPortal` does not have refused, naming the one it is most like
  // (measured +372 B; 92,902 B in all).
  // +0.27 KB: `approvals.approvers`, who of a project's clients can decide on a resource (93,178 B in all).
  // +0.02 KB: an address being confirmed refused naming the client confirming it; a pending address
  // saved again sends a new confirmation link (93,193 B in all).
  // +0.32 KB: `retention.purge`, deleting what ended over `keepDays` ago, its options checked (measured +323 B; 93,516 B in all).
  // +0.05 KB: a 409 on an address says which field and why: another client uses it, or is confirming it (the conflict's `field` and `reason`, measured +48 B; 93,564 B in all).
  // +0.06 KB: a purge that keeps what mail still to send reads, and refuses an adapter's impossible count (measured +69 B; 93,633 B in all).
  // +0.03 KB: a purge asks again only for the kinds whose batch was full (measured +27 B; 93,660 B in all).
  // +0.01 KB: `attached` in a share's status (93,670 B in all).
  // +0.09 KB: instants from input kept within years 0001–9999, strict role permissions, a
  // mistyped field said once (measured +94 B; 93,764 B in all).
  // +0.1 KB: a returning client's receipts read beside the page's resolution, their failure
  // handled when unused (measured +96 B; 93,860 B in all).
  // +0.05 KB: `emails.inspect`, and the look at a link it shares with `passwords.inspect` (measured +56 B; 93,916 B in all).
  // +0.03 KB: a returning client's receipts taken from the feed's own read when storage brought
  // them (measured +23 B; 93,939 B in all).
  // +0.07 KB: staff reads under a project check it exists, every 409 says why (`reason`), a
  // date without its time said as such, ten issues at most in a message (measured +71 B; 94,010 B in all).
  // +0.09 KB: an approver id the builder has no client under said as such (measured +96 B; 94,106 B in all).
  // +0.08 KB: a missing required option of createPortal says what it takes (measured +83 B; 94,189 B in all).
  // +0.01 KB: renderAccountEmail takes a translated copy of ACCOUNT_EMAIL_STRINGS; an unused grants loader removed (measured +14 B; 94,203 B in all).
  // +0.88 KB: background failures reported (given-up mail named, a failing logger ignored), the
  // outbox's hooks bounded by its lease and no token minted late, link-only sign-in, a stale
  // approval request refused, one schedule checked in the share's transaction, worker options
  // checked (measured +899 B; 95,102 B in all).
  // +0.01 KB: a staff reset asks the tenant's sign-in methods before its transaction, not inside it (measured +8 B; 95,110 B in all).
  // +0.44 KB: the outbox's backlog counts, its events listed, given-up events retried (measured +453 B; 95,563 B in all).
  // +0.08 KB: French `de` contracted with a name's article, no-break spaces kept in one-line values (measured +77 B; 95,640 B in all).
  // +0.27 KB: misspelt members of createPortal's object options refused by name; a reset link
  // the reset would refuse inspected as cancelled (measured +279 B; 95,919 B in all).
  // +0.01 KB: a due date in the past refused with a code a form can translate (measured +11 B; 95,930 B in all).
  // +0.12 KB: a tenant's `timeZone`, in which its emails write a link's expiry, the zone named (measured +124 B; 96,054 B in all).
  // +0.11 KB: digests ask only approvers an approval waits on; a sequence's next approver and a
  // reopening told (measured +109 B; 96,160 B in all, after -3 B from the approver limit defined once).
  // +0.1 KB: an attachment shown only to clients who read updates, a client's own record without
  // its invite's delivery, project grants in the audit trail (measured +103 B; 96,263 B in all).
  // +0.03 KB: the client search composes accents (NFC) on both sides (measured +35 B; 96,298 B in all).
  // +0.01 KB: a client added again after its invite's mail failed gets a new one (measured +11 B; 96,309 B in all).
  // +0.02 KB: refused shares carry issue codes (measured +25 B; 96,334 B in all).
  // +0.52 KB: host_timeout: a hook that does not answer in time, its class and its words (measured +535 B; 96,869 B
  // in all).
  // +0.54 KB: digests at their hour on each tenant's clock (its timeZone), across daylight saving (measured +557 B;
  // 97,426 B in all).
  // +0.01 KB: a stale approval settles its card; a removed project said by its issue code (measured +11 B; 97,437 B
  // in all).
  // +0.14 KB: sign-in asks the tenant first, request ids kept only in the
  // server's shape, the latest project list kept (measured +139 B; 97,576 B in all).
  // +0.16 KB: a decision names the round it was shown; a reopened approval said as such on its card (measured +165 B;
  // 97,714 B in all).
  // +0.31 KB: each client's email language: set by the builder, or the page its invite was accepted on (measured +315
  // B; 98,029 B in all).
  // +0.01 KB: a language given to a new client recorded in its audit entry (measured +12 B; 98,041 B in all).
  // +0.16 KB: the hook time limit swept by one interval, no timer per call (portal.can asks hooks on every check)
  // (measured +161 B; 98,202 B in all).
  // +0.17 KB: refusals in "Waiting on you" look like warnings, a stale approval offers no decision after a reload,
  // "Show what is asked now", honest badges (measured +170 B; 98,372 B in all).
  // +0.19 KB: receipts a page at a time: the `ids` filter, the receipt cursors, `paginate` over keys of several ids,
  // and query members that are lists (measured +198 B; 98,551 B in all).
  // +0.06 KB: `shares.list` in pages, and the share button's receipts asked for in runs of ids a request line can
  // carry (measured +64 B; 98,615 B in all).
  // +0.03 KB: an empty list sent as one, the share button's runs one after another with what a capped run may hide
  // left out, cursors checked before a store's whole list is read, project ticks kept whichever read fails (measured
  // +35 B; 98,650 B in all).
  // +0.52 KB: the digest pass tenant by tenant, skipping tenants with nothing due soon, and the wake on a changed
  // frequency (measured +537 B; 99,187 B in all).
  // +0.12 KB: no skip across a change of frequency during the pass, a claim that attached nothing, a row committed
  // late or a clock that went back (measured +125 B; 99,312 B in all).
  // +0.03 KB: no skip after a pass that claimed a digest, skips checked against the monotonic clock, notification
  // times read just before their rows are written (measured +27 B; 99,339 B in all).
  'sitegate (core)': 97.02 * KB,
};
/** An element added later gets this until it earns its own line above. */
const NEW_ELEMENT_BUDGET = 16 * KB;

describe('bundle size (min + gzip, browser, whole graph a page loads)', () => {
  const entries = browserEntries(root);
  // One esbuild service builds them all at once: the suite stays well under ten seconds.
  const sizes = Promise.all(entries.map(async (entry) => [entry.name, await gzipSize(root, entry)] as const)).then((list) => new Map(list));

  it('measures both page scenarios, and no budget exceeds its target', () => {
    for (const [name, target] of Object.entries(TARGETS)) {
      expect(entries.map((e) => e.name)).toContain(name);
      expect(BUDGETS[name]).toBeLessThanOrEqual(target);
    }
  });

  it('counts the api client with the provider: it is needed before any element shows data', async () => {
    const provider = (await sizes).get('<sg-portal-provider> alone')!;
    const client = (await sizes).get('sitegate/client')!;
    expect(provider.gz).toBeGreaterThan(client.gz);
  });

  it('keeps zod out of every browser scenario but the core', async () => {
    for (const [name, size] of await sizes) if (name !== 'sitegate (core)') expect(size.zod, name).toBe(0);
  });

  for (const entry of entries) {
    const budget = BUDGETS[entry.name] ?? (entry.name.endsWith(' alone') ? NEW_ELEMENT_BUDGET : undefined);
    it(`keeps ${entry.name} within ${budget === undefined ? 'a budget' : kb(budget)}`, async () => {
      expect(budget, `no budget for ${entry.name}`).toBeDefined();
      const size = (await sizes).get(entry.name)!;
      expect(size.gz, `${entry.name} is ${kb(size.gz)} gz`).toBeLessThanOrEqual(budget!);
    });
  }
});
