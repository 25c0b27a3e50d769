/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { mockApi } from './mock/mockApi';

// Dev/preview talk to the real server through a proxy (HAMYAR_API, default
// http://127.0.0.1:8080), or to the in-memory mock when HAMYAR_MOCK=1.
// Production is served by the Rust server from the same origin, so neither
// applies to `vite build`.
const useMock = process.env.HAMYAR_MOCK === '1';
const target = process.env.HAMYAR_API ?? 'http://127.0.0.1:8080';
const proxy = useMock
  ? undefined
  : { '/api': { target, changeOrigin: false }, '/healthz': { target } };

// Tests read instruments/*.toml with `?raw`, which Vite serves only from the
// allowed folders: allow ../instruments too, and only under Vitest.
const fs = process.env.VITEST ? { allow: ['.', '../instruments'] } : undefined;

export default defineConfig({
  plugins: [react(), ...(useMock ? [mockApi() as Plugin] : [])],
  server: { proxy, fs },
  preview: { proxy },
  build: {
    // Fonts must stay separate hashed files (the offline work will precache them).
    assetsInlineLimit: 0,
    sourcemap: false,
    rollupOptions: {
      output: {
        // Libraries change far less often than the app: separate chunks let a
        // phone on a slow line keep them cached across app updates.
        manualChunks(id) {
          if (!id.includes('node_modules')) return undefined;
          // Charts are loaded with import() where a chart is drawn: their own
          // lazy chunk, never in the vendor chunk every page loads.
          if (/node_modules\/(chart\.js|@kurkle)\//.test(id)) return 'charts';
          if (/node_modules\/(react|react-dom|scheduler)\//.test(id)) return 'react';
          if (/node_modules\/(@mantine|@floating-ui|react-remove-scroll|react-transition-group)/.test(id)) return 'mantine';
          return 'vendor';
        },
      },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
  },
});
