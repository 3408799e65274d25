import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lambdas } from '../../functions/routes';

const root = fileURLToPath(new URL('../..', import.meta.url));
const functionsDir = join(root, 'functions');
const handlersDir = join(functionsDir, 'handlers');

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourcesUnder(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('handlers in one place', () => {
  it('each Lambda is assembled in functions/handlers/<its name in lambdas>.ts, and that folder holds nothing else', () => {
    for (const [name, declaration] of Object.entries(lambdas)) expect(declaration.entry, name).toBe(`functions/handlers/${name}.ts`);
    const files = readdirSync(handlersDir).sort();
    expect(files).toEqual(
      Object.keys(lambdas)
        .map((name) => `${name}.ts`)
        .sort(),
    );
  });

  it('no module outside functions/handlers assembles a Lambda, exports a handler or imports one', () => {
    const outside = sourcesUnder(functionsDir).filter((file) => !file.startsWith(handlersDir));
    for (const file of outside) {
      const source = readFileSync(file, 'utf8');
      const name = relative(root, file);
      // functions/shared/http/lambda.ts defines httpLambda; only handlers call it.
      expect(/\bexport const handler\b/.test(source), name).toBe(false);
      expect(/\bhttpLambda\(\s*'/.test(source), name).toBe(false);
      expect(/\bmiddy\(/.test(source) && !name.endsWith('shared/http/lambda.ts'), name).toBe(false);
      expect(/from '[./]*handlers\//.test(source), name).toBe(false);
    }
  });

  it('a handler imports no other handler: a request never detours through another Lambda', () => {
    for (const file of sourcesUnder(handlersDir)) {
      expect(/from '\.\/|from '\.\.\/handlers\//.test(readFileSync(file, 'utf8')), relative(root, file)).toBe(false);
    }
  });

  it('use cases do not import requests, auth or the middy chain from the HTTP layer', () => {
    const useCases = sourcesUnder(functionsDir).filter((file) => !file.startsWith(handlersDir) && !file.includes('/shared/'));
    for (const file of useCases) {
      const imports = [...readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)].map((match) => match[1]);
      // Who acts is functions/shared/actor.ts; requests, auth and the middy chain are the handlers' business.
      expect(
        imports.filter((path) => /shared\/http\/(request|auth|lambda)$/.test(path ?? '')),
        relative(root, file),
      ).toEqual([]);
    }
  });
});
