import type { packRules } from '@casl/ability/extra';

/**
 * A client's CASL rules in packed form, as `GET /me` sends them; the browser rebuilds the ability
 * with `createMongoAbility(unpackRules(rules))`. A type of the model so that the api client and
 * the elements need nothing from the server-side policy.
 */
export type PackedRules = ReturnType<typeof packRules>;
