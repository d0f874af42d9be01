// The parts of subscription grouping that need no server: the group key and the members.
import { describe, expect, it } from 'vitest';
import { parse, type ExecutionArgs, type ExecutionResult } from 'graphql';
import { ANONYMOUS, Domain, Role, type Viewer } from '../../src/auth/viewer';
import { canonical, groupableField, groupKey, viewerKey } from '../../src/server/subscription-group-key';
import { DirectMember, MAX_QUEUED, QueuedMember, SharedResult, type GroupMember } from '../../src/server/subscription-members';

const args = (source: string, variableValues?: Record<string, unknown>): ExecutionArgs =>
  ({ schema: undefined as never, document: parse(source), variableValues });

const dean = (facultyKey: number): Viewer => ({
  ...ANONYMOUS, kind: 'account', id: '7', label: 'dean', role: Role.DEAN,
  scope: { ...ANONYMOUS.scope, read: new Set([Domain.STUDENTS, Domain.ORDERS]), facultyKey },
});

describe('subscription group key', () => {
  it('groups change-feed fields without a replay only', () => {
    expect(groupableField(args('subscription { studentStatusChanged { cursor } }'))).not.toBeNull();
    expect(groupableField(args('subscription { studentStatusChanged(after: null) { cursor } }'))).not.toBeNull();
    expect(groupableField(args('subscription { studentStatusChanged(after: "5") { cursor } }'))).toBeNull();
    expect(groupableField(args('subscription S($a: String) { studentStatusChanged(after: $a) { cursor } }', { a: '5' }))).toBeNull();
    expect(groupableField(args('subscription S($a: String) { studentStatusChanged(after: $a) { cursor } }', {}))).not.toBeNull();
    expect(groupableField(args('subscription { heartbeat }'))).toBeNull();
    expect(groupableField(args('query { studentStatusChanged { cursor } }'))).toBeNull();
  });

  it('ignores the order of variables and undefined ones', () => {
    expect(canonical({ b: 1, a: [{ y: 2, x: undefined, w: null }] })).toBe(canonical({ a: [{ w: null, y: 2 }], b: 1 }));
    const document = 'subscription S($f: ID, $g: ID) { studentOrderChanged(facultyId: $f, groupId: $g) { cursor } }';
    expect(groupKey('v', args(document, { f: '1', g: '2' }))).toBe(groupKey('v', args(document, { g: '2', f: '1' })));
    expect(groupKey('v', args(document, { f: '1' }))).not.toBe(groupKey('w', args(document, { f: '1' })));
  });

  it('keys a viewer by what it may see, not by the object', () => {
    expect(viewerKey(dean(3))).toBe(viewerKey(dean(3)));
    expect(viewerKey(dean(3))).not.toBe(viewerKey(dean(4)));
  });
});

describe('subscription group members', () => {
  const result = (n: number): ExecutionResult => ({ data: { n } });

  it('a direct member writes the shared payload once serialised, and stops when it leaves', async () => {
    const written: string[] = [];
    const left: GroupMember[] = [];
    const member = new DirectMember((payload) => written.push(payload.toString()), (m) => left.push(m));
    const shared = new SharedResult(result(1));
    member.push(shared);
    expect(written).toEqual(['{"data":{"n":1}}']);
    expect(shared.payload()).toBe(shared.payload());
    await member.return();
    member.push(new SharedResult(result(2)));
    expect(written).toHaveLength(1);
    expect(left).toEqual([member]);
  });

  it('a queued member hands results in order, then its end', async () => {
    const member = new QueuedMember(() => undefined);
    const waiting = member.next();
    member.push(new SharedResult(result(1)));
    member.push(new SharedResult(result(2)));
    member.end();
    expect(await waiting).toEqual({ done: false, value: result(1) });
    expect(await member.next()).toEqual({ done: false, value: result(2) });
    expect(await member.next()).toEqual({ done: true, value: undefined });
  });

  it('a queued member too far behind is ended with an error and leaves its group', async () => {
    const left: GroupMember[] = [];
    const member = new QueuedMember((m) => left.push(m));
    for (let n = 0; n <= MAX_QUEUED; n++) member.push(new SharedResult(result(n)));
    expect(left).toEqual([member]);
    for (let n = 0; n < MAX_QUEUED; n++) await member.next();
    await expect(member.next()).rejects.toThrow(/fell too far behind/);
  });
});
