import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Generous: the machines are small and shared; a test that compiles every control or starts a
    // real API server can take minutes under load (speed is measured by `npm run bench`, not here).
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: "forks",
  },
});
