import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// `base: "./"` makes every asset path relative, so the build works from any folder of any static host
// or an IPFS gateway (the app routes with the URL hash, so no server rewrite is needed).
export default defineConfig({
  base: "./",
  plugins: [react()],
  build: {
    target: "es2022",
    chunkSizeWarningLimit: 600,
  },
});
