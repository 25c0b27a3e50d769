/// <reference types="vitest/config" />
import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { mockApi } from './mock/mockApi';
import { THEME_COLOR } from './src/brand';

const appVersion = (JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string }).version;

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

// The service worker (offline work, docs/sync.md): the app shell and fonts
// precached, so the app starts without a connection; `/api` never cached
// (the device store keeps the data, encrypted) and never answered with the
// app. An update is offered, never forced (src/pwa/): a reload in the middle
// of a form would lose it. The Rust server serves dist/ from the origin's
// root, so sw.js controls the whole app. Not under Vitest.
const pwa = VitePWA({
  registerType: 'prompt',
  injectRegister: false,
  manifest: {
    name: 'همیار',
    short_name: 'همیار',
    description: 'سامانه مراکز محلی همیاری خانواده',
    lang: 'fa',
    dir: 'rtl',
    id: '/',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    theme_color: THEME_COLOR,
    background_color: '#ffffff',
    icons: [
      { src: '/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  },
  workbox: {
    // The manifest and its icons are added by the plugin itself.
    globPatterns: ['**/*.{js,css,html,woff2,svg}'],
    navigateFallback: 'index.html',
    navigateFallbackDenylist: [/^\/api(\/|$)/, /^\/healthz$/],
    runtimeCaching: [],
    cleanupOutdatedCaches: true,
  },
});

export default defineConfig({
  plugins: [react(), ...(useMock ? [mockApi() as Plugin] : []), ...(process.env.VITEST ? [] : [pwa])],
  define: { __APP_VERSION__: JSON.stringify(appVersion) },
  server: { proxy, fs },
  preview: { proxy },
  build: {
    // Fonts must stay separate hashed files: the service worker precaches them.
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
