import pg from 'pg';

/**
 * A pool that remembers the statements the adapter sends, so their real plans can be checked.
 * Recorded on its connections: the adapter checks one out for single statements too.
 */
export class RecordingPool extends pg.Pool {
  readonly seen: { text: string; params: unknown[] }[];
  constructor(config: pg.PoolConfig) {
    const seen: { text: string; params: unknown[] }[] = [];
    class RecordingClient extends pg.Client {
      override query(...args: unknown[]): never {
        const [config, values] = args as [string | { text?: string; values?: unknown[] }, unknown[] | undefined];
        const text = typeof config === 'string' ? config : config?.text;
        if (typeof text === 'string') seen.push({ text, params: (typeof config === 'string' ? values : config?.values) ?? [] });
        return (super.query as (...a: unknown[]) => never)(...args);
      }
    }
    super({ ...config, Client: RecordingClient });
    this.seen = seen;
  }
}

export interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}
/** The plan's nodes, depth first. */
export const planNodes = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(planNodes)];
