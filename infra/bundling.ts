/**
 * How every Lambda is bundled. The CDK construct and the benchmark both read this, so the bundle
 * sizes and cold-load times `npm run bench` prints are those of what is deployed.
 */
export const lambdaBundling = {
  format: 'esm',
  target: 'node22',
  platform: 'node',
  mainFields: ['module', 'main'],
  minify: true,
  // Bundle the AWS SDK too: the deployed code then runs the exact SDK versions the tests ran.
  externalModules: [] as string[],
  // CommonJS dependencies call require() on Node built-ins, which an ES module lacks.
  banner: "import { createRequire as __normenCreateRequire } from 'node:module'; const require = __normenCreateRequire(import.meta.url);",
} as const;
