import * as fc from 'fast-check';
import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { ValidationError } from 'sitegate';
import { parseInput } from '../../src/errors/from-zod.js';
import { isAction, parseActor, quickProjectRef, quickTenantSettings } from '../../src/kernel/quick-parse.js';
import { Actor } from '../../src/model/actor.js';
import { Id, isId } from '../../src/model/ids.js';
import { Action, ModuleId } from '../../src/model/modules.js';
import { TenantSettings } from '../../src/model/tenant.js';

const ProjectRef = z.object({ projectId: Id, module: ModuleId, id: Id });

/** Strings near the edges of `Id`: empty, `.`/`..`, 200/201 long, separators, unicode, control characters. */
const idLike = fc.oneof(
  fc.constantFrom('', '.', '..', '...', 'a', 'c-1', 'acme', 'a/b', 'a b', 'a\nb', '__proto__', 'constructor', 'é', 'x'.repeat(200), 'x'.repeat(201), 'documents', 'read', 'approve', 'client', 'staff'),
  fc.string({ maxLength: 12 }),
  fc.stringMatching(/^[A-Za-z0-9._:@-]{0,8}$/),
);
const anyValue = fc.oneof(idLike, fc.integer(), fc.constant(null), fc.constant(undefined), fc.boolean(), fc.array(idLike, { maxLength: 2 }));
const actorLike = fc.oneof(
  fc.record({ type: fc.constantFrom('client', 'staff', 'admin'), tenantId: anyValue, clientId: anyValue, userId: anyValue }, { requiredKeys: [] }),
  fc.record({ type: fc.constantFrom('client', 'staff'), tenantId: idLike, clientId: idLike, userId: idLike, extra: anyValue }, { requiredKeys: ['type', 'tenantId'] }),
  anyValue,
);

/** What zod answers: the parsed value, or the ValidationError's issues. */
function viaZod<T>(run: () => T): { ok: T } | { issues: unknown } {
  try {
    return { ok: run() };
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return { issues: (error as ValidationError).issues };
  }
}

describe('the hand-written checks answer exactly as the zod schemas they stand in for', () => {
  it('isId agrees with Id', () => {
    fc.assert(fc.property(anyValue, (value) => {
      expect(isId(value)).toBe(Id.safeParse(value).success);
    }), { numRuns: 3000 });
  });

  it('isAction agrees with Action', () => {
    fc.assert(fc.property(fc.oneof(anyValue, fc.constantFrom('read', 'approve', 'manage', 'toString', '__proto__')), (value) => {
      expect(isAction(value)).toBe(Action.safeParse(value).success);
    }), { numRuns: 1000 });
  });

  it('parseActor returns what parseInput(Actor) returns, and throws the same ValidationError', () => {
    fc.assert(
      fc.property(actorLike, (actor) => {
        expect(viaZod(() => parseActor(actor))).toEqual(viaZod(() => parseInput(Actor, actor, ['actor'])));
      }),
      { numRuns: 3000 },
    );
  });

  it('parseActor copies: extra keys are dropped and later changes to the input do not reach it', () => {
    const input = { type: 'client', tenantId: 'acme', clientId: 'c-1', role: 'admin' };
    const parsed = parseActor(input);
    expect(parsed).toEqual({ type: 'client', tenantId: 'acme', clientId: 'c-1' });
    input.clientId = 'c-2';
    expect(parsed).toEqual({ type: 'client', tenantId: 'acme', clientId: 'c-1' });
  });

  it('parseActor leaves objects that are not plain (a class instance, a Map) to zod', () => {
    class Who {
      type = 'client';
      tenantId = 'acme';
      clientId = 'c-1';
    }
    expect(viaZod(() => parseActor(new Who()))).toEqual(viaZod(() => parseInput(Actor, new Who(), ['actor'])));
    expect(viaZod(() => parseActor(new Map()))).toEqual(viaZod(() => parseInput(Actor, new Map(), ['actor'])));
  });

  it('quickProjectRef accepts only what ProjectRef accepts, with the same result', () => {
    const refLike = fc.oneof(fc.record({ projectId: anyValue, module: fc.oneof(anyValue, fc.constantFrom('documents', 'reports', 'nope')), id: anyValue, x: anyValue }, { requiredKeys: [] }), anyValue);
    fc.assert(
      fc.property(refLike, (ref) => {
        const quick = quickProjectRef(ref);
        const parsed = ProjectRef.safeParse(ref);
        if (quick !== undefined) expect(parsed.success && parsed.data).toEqual(quick);
        // What the quick check declines goes to the schema in `can`; a plain, well-formed ref never should.
        else if (parsed.success && Object.getPrototypeOf(ref) === Object.prototype) expect.unreachable(`declined ${JSON.stringify(ref)}`);
      }),
      { numRuns: 3000 },
    );
  });

  it('quickTenantSettings accepts only what TenantSettings accepts, with the same result, and copies', () => {
    const nameLike = fc.oneof(fc.constantFrom('', 'Acme', 'x'.repeat(200), 'x'.repeat(201)), fc.string({ maxLength: 6 }), fc.integer());
    const modulesLike = fc.oneof(fc.array(fc.constantFrom('documents', 'reports', 'updates', 'nope', '__proto__'), { maxLength: 4 }), anyValue);
    const settingsLike = fc.oneof(
      fc.record({ name: nameLike, modules: modulesLike }, { requiredKeys: [] }),
      fc.record({ name: nameLike, modules: modulesLike, locale: fc.constantFrom('en', 'xx-'), brand: anyValue }, { requiredKeys: ['name', 'modules'] }),
      anyValue,
    );
    fc.assert(
      fc.property(settingsLike, (settings) => {
        const quick = quickTenantSettings(settings);
        const parsed = TenantSettings.safeParse(settings);
        if (quick !== undefined) expect(parsed.success && parsed.data).toStrictEqual(quick);
        // The shape most hosts return never goes to the schema.
        else if (parsed.success && Object.keys(settings as object).length === 2 && 'name' in (settings as object) && 'modules' in (settings as object)) {
          expect.unreachable(`declined ${JSON.stringify(settings)}`);
        }
      }),
      { numRuns: 3000 },
    );
    const input = { name: 'Acme', modules: ['documents'] };
    const quick = quickTenantSettings(input)!;
    input.modules.push('reports');
    expect(quick.modules).toEqual(['documents']);
    class Settings {
      name = 'Acme';
      modules = ['documents'];
    }
    expect(quickTenantSettings(new Settings())).toBeUndefined();
  });
});
