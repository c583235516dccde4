import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { saxonAsset } from './src/build/saxon-asset.ts';

// Relative base: the built site works from any static file server and any sub-path, with no network.
export default defineConfig({
  base: './',
  plugins: [react(), saxonAsset()],
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
  server: { port: 5173 },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'src/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          // The CLI words its messages by LANG/LC_ALL; tests that start it expect the default (German),
          // whatever the machine's locale. Tests of the English CLI set these themselves.
          env: { LANG: 'C.UTF-8', LC_ALL: '', LC_MESSAGES: '' },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
