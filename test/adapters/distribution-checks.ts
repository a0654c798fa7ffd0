/**
 * Checks that sitegate's tables can be distributed by tenant (Citus and the like): the catalog
 * after migration, and the plans of the statements the adapter sends. Used by
 * distribution.test.ts on PGlite and on PostgreSQL.
 */

export type Query = (text: string, params?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;

/**
 * Tables that stay on the coordinator and are never distributed (see docs/scaling.md): the
 * migrations record, and the shared rate limits, whose keys span tenants.
 */
export const COORDINATOR_ONLY = ['schema_migrations', 'rate_limits'];

/** The one index not led by tenant_id: the cross-tenant outbox claim's (see docs/scaling.md). */
export const CROSS_TENANT_INDEXES = ['mail_jobs_due_idx'];

/** Tables of `schema` that lack a `tenant_id` column. */
export async function tablesWithoutTenant(query: Query, schema: string): Promise<string[]> {
  const { rows } = await query(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = $1 AND c.relkind IN ('r', 'p')
       AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)
     ORDER BY 1`,
    [schema],
  );
  return rows.map((r) => String(r.name)).filter((name) => !COORDINATOR_ONLY.includes(name));
}

/**
 * Primary keys, unique constraints and unique indexes (partial ones too) that do not include
 * `tenant_id`: a distributed database can enforce uniqueness only within one shard.
 */
export async function uniqueKeysWithoutTenant(query: Query, schema: string): Promise<string[]> {
  const { rows } = await query(
    `SELECT t.relname AS table_name, i.relname AS index_name
     FROM pg_index x
     JOIN pg_class i ON i.oid = x.indexrelid
     JOIN pg_class t ON t.oid = x.indrelid
     JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE n.nspname = $1 AND x.indisunique
       AND NOT EXISTS (
         SELECT 1 FROM pg_attribute a
         WHERE a.attrelid = t.oid AND a.attname = 'tenant_id' AND a.attnum = ANY (x.indkey::int2[]))
     ORDER BY 2`,
    [schema],
  );
  return rows.filter((r) => !COORDINATOR_ONLY.includes(String(r.table_name))).map((r) => `${String(r.table_name)}.${String(r.index_name)}`);
}

/**
 * Foreign keys whose columns do not pair `tenant_id` with `tenant_id`: only a reference that
 * stays inside one tenant stays inside one shard.
 */
export async function foreignKeysWithoutTenant(query: Query, schema: string): Promise<string[]> {
  const { rows } = await query(
    `SELECT c.conname AS name, c.conrelid::regclass::text AS table_name,
            (SELECT array_agg(a.attname::text ORDER BY k.i) FROM unnest(c.conkey) WITH ORDINALITY k(n, i)
               JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n) AS columns,
            (SELECT array_agg(a.attname::text ORDER BY k.i) FROM unnest(c.confkey) WITH ORDINALITY k(n, i)
               JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n) AS referenced
     FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
     WHERE n.nspname = $1 AND c.contype = 'f'
     ORDER BY 1`,
    [schema],
  );
  return rows
    .filter((r) => {
      const columns = r.columns as string[];
      const referenced = r.referenced as string[];
      const at = columns.indexOf('tenant_id');
      return at < 0 || referenced[at] !== 'tenant_id';
    })
    .map((r) => `${String(r.table_name)}.${String(r.name)}`);
}

/** Every index of `schema`'s distributed tables, by name, with its first column. */
export async function leadingColumns(query: Query, schema: string): Promise<Map<string, string>> {
  const { rows } = await query(
    `SELECT i.relname AS index_name, a.attname AS first_column
     FROM pg_index x
     JOIN pg_class i ON i.oid = x.indexrelid
     JOIN pg_class t ON t.oid = x.indrelid
     JOIN pg_namespace n ON n.oid = i.relnamespace
     JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = x.indkey[0]
     WHERE n.nspname = $1 AND t.relname <> ALL($2::text[])`,
    [schema, COORDINATOR_ONLY],
  );
  return new Map(rows.map((r) => [String(r.index_name), String(r.first_column)]));
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
  [condition: string]: unknown;
}
const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];

/** Where a plan node states what it reads. */
const CONDITIONS = ['Index Cond', 'Recheck Cond', 'Filter', 'Join Filter', 'Hash Cond', 'Merge Cond'];

export interface PlanFinding {
  /** Scans of a sitegate table with no `tenant_id` condition (so: across tenants). */
  untenanted: string[];
  /** Indexes the plan uses, for the leading-column check. */
  indexes: string[];
}

/**
 * EXPLAINs one statement with its parameters and reports every scan of a sitegate table that
 * carries no `tenant_id` condition. Inserts carry their tenant in the row; their ModifyTable node
 * reads nothing and is not a scan.
 */
export async function explainTenancy(query: Query, tables: Set<string>, text: string, params: unknown[]): Promise<PlanFinding> {
  const { rows } = await query(`EXPLAIN (FORMAT JSON) ${text}`, params);
  const raw = rows[0]!['QUERY PLAN'];
  const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: PlanNode }[];
  const nodes = nodesOf(plan[0]!.Plan);
  const untenanted: string[] = [];
  for (const node of nodes) {
    const table = node['Relation Name'];
    if (!table || !tables.has(table) || node['Node Type'] === 'ModifyTable') continue;
    // A bitmap heap scan's conditions may sit on its bitmap index scans below.
    const own = [node, ...(node['Node Type'] === 'Bitmap Heap Scan' ? nodesOf(node).slice(1) : [])];
    const conditions = own.flatMap((n) => CONDITIONS.map((key) => n[key]).filter((c): c is string => typeof c === 'string'));
    if (!conditions.some((c) => /\btenant_id\b/.test(c))) untenanted.push(`${node['Node Type']} on ${table}`);
  }
  return { untenanted, indexes: nodes.flatMap((n) => (n['Index Name'] ? [n['Index Name']] : [])) };
}
