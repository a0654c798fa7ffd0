import { describe, expect, it } from 'vitest';
import { Table } from '../../adapters/memory/table.js';

interface Row {
  id: string;
  tenantId: string;
  projectId: string;
  ref: string;
  at: Date;
}

/** A table with a unique index over (tenant, project, ref) and an undo journal to replay. */
function table() {
  const journal: (() => void)[] = [];
  const rows = new Table<Row>((r) => r.id, () => (undo) => journal.push(undo)).unique('ref', (r) => (r.ref === '-' ? undefined : [r.tenantId, r.projectId, r.ref]));
  const undoAll = () => {
    for (const step of journal.reverse()) step();
    journal.length = 0;
  };
  return { rows, journal, undoAll };
}
const row = (id: string, ref: string, projectId = 'p-1'): Row => ({ id, tenantId: 't-1', projectId, ref, at: new Date(1000) });

describe('Table unique index', () => {
  it('finds a copy of the row by its path, and nothing on any other path', () => {
    const { rows } = table();
    rows.put(row('s-1', 'd-1'));
    const found = rows.findUnique('ref', ['t-1', 'p-1', 'd-1'])!;
    expect(found).toEqual(row('s-1', 'd-1'));
    found.at.setTime(0);
    found.ref = 'changed';
    expect(rows.findUnique('ref', ['t-1', 'p-1', 'd-1'])).toEqual(row('s-1', 'd-1'));
    expect(rows.findUnique('ref', ['t-1', 'p-2', 'd-1'])).toBeUndefined();
    expect(rows.findUnique('ref', ['t-2', 'p-1', 'd-1'])).toBeUndefined();
    expect(rows.findUnique('ref', ['t-1', 'p-1', 'd-2'])).toBeUndefined();
  });

  it('follows a row that moves to another path, is deleted, or leaves the index', () => {
    const { rows } = table();
    rows.put(row('s-1', 'd-1'));
    rows.put(row('s-1', 'd-2', 'p-2'));
    expect(rows.findUnique('ref', ['t-1', 'p-1', 'd-1'])).toBeUndefined();
    expect(rows.findUnique('ref', ['t-1', 'p-2', 'd-2'])?.id).toBe('s-1');
    rows.put(row('s-1', '-'));
    expect(rows.findUnique('ref', ['t-1', 'p-2', 'd-2'])).toBeUndefined();
    rows.put(row('s-1', 'd-3'));
    expect(rows.delete('s-1')).toBe(true);
    expect(rows.findUnique('ref', ['t-1', 'p-1', 'd-3'])).toBeUndefined();
  });

  it('is put back by the undo journal, like the rows', () => {
    const { rows, undoAll } = table();
    rows.put(row('s-1', 'd-1'));
    undoAll();
    rows.put(row('s-2', 'd-2'));
    rows.put(row('s-2', 'd-3'));
    rows.delete('s-2');
    rows.put(row('s-4', 'd-4'));
    undoAll();
    expect(rows.findUnique('ref', ['t-1', 'p-1', 'd-1'])).toBeUndefined();
    expect(rows.findUnique('ref', ['t-1', 'p-1', 'd-2'])).toBeUndefined();
    expect(rows.findUnique('ref', ['t-1', 'p-1', 'd-3'])).toBeUndefined();
    expect(rows.findUnique('ref', ['t-1', 'p-1', 'd-4'])).toBeUndefined();
    expect(rows.rows.size).toBe(0);
  });

  it('keeps the path of the row that holds it when another row is deleted', () => {
    const { rows } = table();
    rows.put(row('s-1', 'd-1'));
    rows.put(row('s-2', 'd-2'));
    rows.delete('s-2');
    expect(rows.findUnique('ref', ['t-1', 'p-1', 'd-1'])?.id).toBe('s-1');
  });
});
