// Vite build of the dashboard into web/dist (served by `mujun serve --web web/dist`).
// `npm run dev` proxies /api to a running server: MUJUN_API=http://127.0.0.1:8080 (the default).
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

export default defineConfig({
  plugins: [vue()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 800,
    rollupOptions: {
      output: {
        manualChunks(id) {
          if (id.includes('node_modules/echarts') || id.includes('node_modules/zrender')) return 'echarts'
          if (id.includes('node_modules/')) return 'vendor'
        },
      },
    },
  },
  server: {
    proxy: { '/api': process.env.MUJUN_API || 'http://127.0.0.1:8080' },
  },
})
