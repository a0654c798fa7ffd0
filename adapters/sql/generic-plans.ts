/**
 * The setting both SQL adapters start the sessions they open with (their `genericPlans`
 * option): each prepared statement is planned once, not on every execution.
 */
export const GENERIC_PLANS = { name: 'plan_cache_mode', value: 'force_generic_plan' } as const;
