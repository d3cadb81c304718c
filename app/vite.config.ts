import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// `base: "./"` makes every asset path relative, so the build works from any folder of any static host
// or an IPFS gateway (the app routes with the URL hash, so no server rewrite is needed).
export default defineConfig({
  base: "./",
  plugins: [react()],
  // The EIP-712 types are shared with the command line (../scripts/lib/typed-data.ts): the dev server
  // may read the repository's files outside app/.
  server: { fs: { allow: [".."] } },
  build: {
    target: "es2022",
    chunkSizeWarningLimit: 600,
  },
});
