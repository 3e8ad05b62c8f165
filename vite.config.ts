import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** The API server the dev server (and `vite preview`) forwards to. */
const backend = process.env.ZM_API_URL ?? 'http://localhost:3000';

export default defineConfig({
  root: 'web',
  plugins: [react()],
  server: { proxy: { '/api': backend, '/healthz': backend } },
  preview: { proxy: { '/api': backend, '/healthz': backend } },
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    rolldownOptions: {
      // Two pages: the cadres' app, and the public site for young people (/m/…), which shares nothing
      // of the cadres' code or libraries beyond React.
      input: {
        main: fileURLToPath(new URL('./web/index.html', import.meta.url)),
        m: fileURLToPath(new URL('./web/m.html', import.meta.url)),
      },
      output: {
        // Big libraries that change less often than the app get their own cached chunks. antd is left
        // to the automatic split: each lazy page then loads only the components it uses (the login
        // page never downloads Table), and no chunk passes Vite's 500 kB warning.
        codeSplitting: {
          groups: [
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/, priority: 3 },
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 2 },
            // Apart from React, so the public site (no router) does not download it.
            { name: 'router', test: /node_modules[\\/]react-router[\\/]/, priority: 2 },
            { name: 'zod', test: /node_modules[\\/]zod[\\/]/, priority: 1 },
          ],
        },
      },
    },
  },
});
