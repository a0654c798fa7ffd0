import { createHash } from 'node:crypto';
import type { ApprovalExport } from 'sitegate';

/**
 * A verifier of an approval's evidence written from docs/approvals.md alone, as a host or an
 * auditor would write it (no sitegate code): each decision's text hashes to its `evidenceHash`
 * and says what the decision says, its snapshot hashes to its `snapshotHash`, the links make
 * one chain with no fork or gap, and every hash the host was told in `approval.decided` is in
 * it. Returns what does not hold; empty when everything does.
 */
export function checkEvidence(doc: ApprovalExport, toldHashes: readonly string[] = []): string[] {
  const problems: string[] = [];
  const { approval } = doc;
  const decisions = approval.decisions;
  const links = new Map<string, string | null>();
  for (const d of decisions) {
    if (d.evidence === undefined || d.evidenceHash === undefined) {
      problems.push(`${d.id}: no evidence`);
      continue;
    }
    if (sha256(d.evidence) !== d.evidenceHash) problems.push(`${d.id}: the text does not hash to evidenceHash`);
    const text = JSON.parse(d.evidence) as Record<string, unknown>;
    const expected: Record<string, unknown> = {
      format: 'sitegate.decision/v1',
      tenantId: d.tenantId,
      projectId: approval.projectId,
      approvalId: approval.id,
      module: approval.module,
      resourceId: approval.resourceId,
      decisionId: d.id,
      round: d.round,
      clientId: d.clientId,
      clientEmail: d.clientEmail,
      clientName: d.clientName,
      decision: d.decision,
      optionId: d.optionId,
      note: d.note,
      ip: d.ip,
      userAgent: d.userAgent,
      decidedAt: new Date(d.decidedAt).toISOString(),
      snapshotHash: d.snapshotHash,
    };
    for (const [key, value] of Object.entries(expected)) {
      if (text[key] !== value) problems.push(`${d.id}: ${key} is ${JSON.stringify(value)} but the evidence says ${JSON.stringify(text[key])}`);
    }
    if (canonical(text.snapshot) !== canonical(d.snapshot)) problems.push(`${d.id}: the snapshot differs from the evidence`);
    if (sha256(canonical(text.snapshot)) !== text.snapshotHash) problems.push(`${d.id}: the snapshot does not hash to snapshotHash`);
    links.set(d.evidenceHash, (text.previousHash as string | null) ?? null);
  }
  // One chain: a single first decision, each link naming a decision that is there, none named twice.
  const firsts = [...links.values()].filter((previous) => previous === null);
  if (links.size > 0 && firsts.length !== 1) problems.push(`${firsts.length} decisions claim to be the first`);
  const named = new Set<string>();
  for (const [hash, previous] of links) {
    if (previous === null) continue;
    if (!links.has(previous)) problems.push(`${hash}: the decision before it is missing`);
    if (named.has(previous)) problems.push(`${previous}: two decisions follow it`);
    named.add(previous);
  }
  for (const told of toldHashes) if (!links.has(told)) problems.push(`${told}: the host was told of it, but it is not in the evidence`);
  return problems;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** Canonical JSON as docs/approvals.md defines it: keys sorted by UTF-16 code units, no whitespace. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${Array.from(value, (v) => (v === undefined ? 'null' : canonical(v))).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).filter((k) => record[k] !== undefined).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(record[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
