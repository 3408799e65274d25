import { createContext, useContext } from 'react';
import { z } from 'zod';

/** Runtime configuration, deployed beside the SPA as config.json so one build serves every environment. */
export const cmsConfigSchema = z.object({
  apiUrl: z.url().transform((url) => url.replace(/\/+$/, '')),
  cognito: z.object({
    endpoint: z.url(),
    clientId: z.string().min(1),
  }),
});
export type CmsConfig = z.infer<typeof cmsConfigSchema>;

export async function loadConfig(): Promise<CmsConfig> {
  // Relative to the page, so it works under /cms/ locally and at the CloudFront root.
  const response = await fetch('./config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`Fant ikke config.json (HTTP ${response.status})`);
  return cmsConfigSchema.parse(await response.json());
}

export const ConfigContext = createContext<CmsConfig | null>(null);

export function useConfig(): CmsConfig {
  const config = useContext(ConfigContext);
  if (!config) throw new Error('useConfig must be used inside <ConfigContext.Provider>');
  return config;
}
