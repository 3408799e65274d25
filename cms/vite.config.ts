import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const cmsRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: cmsRoot,
  // Relative asset URLs: the same build is served under /cms/ locally and at a CloudFront root in AWS.
  base: './',
  plugins: [react()],
  resolve: {
    // The installed tree nests an older @tiptap/core under ra-input-rich-text next to extensions that
    // need a newer one (isValidCSSStyleValue). One copy of the editor core also avoids two ProseMirror
    // schemas at runtime, so resolve both from the project root.
    dedupe: ['@tiptap/core', '@tiptap/pm'],
  },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    // react-admin + MUI + React make one ~1.3 MB vendor chunk (~390 kB gzipped); that is expected.
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        // Named, cacheable chunks: the rich-text editor (only loaded by the forms) apart from the rest.
        codeSplitting: {
          // Otherwise the editor group would also swallow React and MUI, which it depends on.
          includeDependenciesRecursively: false,
          groups: [
            { name: 'editor', test: /node_modules[\\/](@tiptap|prosemirror-|ra-input-rich-text|linkifyjs|orderedmap|rope-sequence|w3c-keyname)/, priority: 2 },
            { name: 'vendor', test: /node_modules/, priority: 1 },
          ],
        },
      },
    },
  },
});
