import { createRequire } from 'node:module';
import swc from 'unplugin-swc';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

const require = createRequire(import.meta.url);

const shared = {
  // Decorators (type-graphql, MikroORM) need swc's metadata; vitest's own transform has none.
  plugins: [swc.vite({ module: { type: 'es6' } })],
  resolve: {
    // type-graphql and Apollo require() graphql's CommonJS build; tests must import the same copy,
    // or graphql-js refuses objects "from another module or realm".
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
} satisfies Partial<TestProjectInlineConfiguration>;

/**
 * Three tiers (README, "Tests"): `unit` needs no database and starts none; `integration` runs hubs
 * and HTTP/WebSocket servers inside the test process, each file on its own copy of the seeded
 * databases; `e2e` spawns processes (`npm start`'s, the bench scripts). The two tiers with a
 * database share one PostgreSQL and one seed (test/global-setup.ts does it once per run).
 */
export default defineConfig({
  test: {
    projects: [
      {
        ...shared,
        test: {
          name: 'unit',
          // Projects with different worker counts run one after another, in this order.
          sequence: { groupOrder: 0 },
          include: ['test/unit/**/*.test.ts'],
          setupFiles: ['test/setup-each-file.ts'],
          testTimeout: 60_000,
          pool: 'threads',
        },
      },
      {
        ...shared,
        test: {
          name: 'integration',
          sequence: { groupOrder: 1 },
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/global-setup.ts'],
          setupFiles: ['test/setup-each-file.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          // Every file has its own databases and servers on port 0: two at a time keep both cores busy.
          pool: 'forks',
          maxWorkers: 2,
          // A worker keeps the hub's modules loaded from one file to the next (about 4 s of loading
          // per file otherwise); each file still starts its own hubs on its own databases.
          isolate: false,
        },
      },
      {
        ...shared,
        test: {
          name: 'e2e',
          sequence: { groupOrder: 2 },
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/global-setup.ts'],
          setupFiles: ['test/setup-each-file.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          // Each file spawns hubs or bench scripts that want the cores to themselves.
          pool: 'forks',
          fileParallelism: false,
        },
      },
    ],
  },
});
