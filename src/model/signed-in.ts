import type { SessionToken } from './account.js';
import type { Client } from './client.js';
import type { Project } from './resource.js';
import type { PackedRules } from './rules.js';

/** A client signed in by accepting an invite or with a password (also set as a cookie over HTTP); the session token is shown once. */
export interface SignedIn {
  client: Client;
  session: SessionToken;
}

/** What `view.me` (`GET /me`) answers: the signed-in client, its projects and its packed CASL rules. */
export interface Me {
  client: Client;
  projects: Project[];
  rules: PackedRules;
}
