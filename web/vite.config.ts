import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// Build: `vite build --config web/vite.config.ts` writes dist/web/, which `lockstep serve` serves at `/`.
// Development: `vite --config web/vite.config.ts` with `lockstep serve --port 4321` running for the API.
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "/",
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL("../dist/web", import.meta.url)),
    emptyOutDir: true,
  },
  server: { proxy: { "/api": "http://127.0.0.1:4321" } },
});
