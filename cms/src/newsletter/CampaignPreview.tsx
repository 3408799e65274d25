import { Alert, Box, CircularProgress, Tab, Tabs, Typography } from '@mui/material';
import { useState } from 'react';
import type { Campaign } from '../../../content-model';
import type { CampaignPreview as Preview } from './campaignsDataProvider';
import { useLoaded } from '../shared/useLoaded';

type View = 'html' | 'text' | 'headers';

/**
 * The issue exactly as a recipient gets it, rendered by the API (with the footer, the links and the
 * unsubscribe headers). The HTML is shown in a sandboxed frame: no scripts, no access to the CMS.
 * Loaded again when the editor changes the issue, not on every progress update.
 */
export function CampaignPreview({ campaign }: { campaign: Campaign }) {
  const { state } = useLoaded((dataProvider) => dataProvider.previewCampaign(String(campaign.id)), `preview:${campaign.id}:${campaign.lastChangedAt}`);
  const [view, setView] = useState<View>('html');

  if (state.status === 'loading') return <CircularProgress aria-label="Laster forhåndsvisningen" />;
  if (state.status === 'failed') return <Alert severity="error">{state.message}</Alert>;
  const preview: Preview = state.data;
  return (
    <Box>
      <Typography variant="body2" sx={{ mb: 1 }}>
        <Box component="span" sx={{ color: 'text.secondary' }}>
          Emne:
        </Box>{' '}
        <strong>{preview.subject}</strong>
      </Typography>
      <Tabs value={view} onChange={(_event, next: View) => setView(next)} aria-label="Visning" sx={{ borderBottom: 1, borderColor: 'divider' }}>
        <Tab value="html" label="E-post (HTML)" id="preview-tab-html" aria-controls="preview-panel-html" />
        <Tab value="text" label="Tekstversjon" id="preview-tab-text" aria-controls="preview-panel-text" />
        <Tab value="headers" label="Topptekster" id="preview-tab-headers" aria-controls="preview-panel-headers" />
      </Tabs>
      <Box role="tabpanel" id={`preview-panel-${view}`} aria-labelledby={`preview-tab-${view}`} sx={{ pt: 2 }}>
        {view === 'html' ? (
          <Box
            component="iframe"
            title="Forhåndsvisning av e-posten"
            sandbox=""
            referrerPolicy="no-referrer"
            srcDoc={preview.html}
            sx={{ width: '100%', maxWidth: 800, height: 560, border: 1, borderColor: 'divider', borderRadius: 1, bgcolor: '#fff' }}
          />
        ) : null}
        {view === 'text' ? (
          <Box
            component="pre"
            sx={{
              m: 0,
              p: 2,
              maxWidth: 800,
              whiteSpace: 'pre-wrap',
              overflowWrap: 'anywhere',
              fontFamily: 'monospace',
              fontSize: '0.85rem',
              bgcolor: 'action.hover',
              borderRadius: 1,
            }}
          >
            {preview.text}
          </Box>
        ) : null}
        {view === 'headers' ? (
          <Box sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, rowGap: 0.5, maxWidth: 800 }}>
            {Object.entries(preview.headers).map(([name, value]) => (
              <Box key={name} sx={{ display: 'contents' }}>
                <Typography variant="body2" color="text.secondary" sx={{ fontFamily: 'monospace' }}>
                  {name}
                </Typography>
                <Typography variant="body2" sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>
                  {value}
                </Typography>
              </Box>
            ))}
          </Box>
        ) : null}
      </Box>
    </Box>
  );
}
