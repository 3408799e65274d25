import { Box, Card, CardContent, Stack, Typography } from '@mui/material';
import { Title } from 'react-admin';
import { GENERAL_INPUT } from '../../../content-model';
import { ExportInputsButton, InputsPanel } from './InputsPanel';

/** Input not tied to a consultation: needs for new or changed products, submitted through the public form. */
export function GeneralInputs() {
  return (
    <Box sx={{ py: 2 }}>
      <Title title="Generelle innspill" />
      <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between', flexWrap: 'wrap', gap: 1 }}>
        <Typography variant="h5" component="h1">
          Generelle innspill
        </Typography>
        <ExportInputsButton consultationId={GENERAL_INPUT} fileName="generelle-innspill.csv" />
      </Stack>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        Behov for nye eller endrede produkter, sendt inn utenom høringer.
      </Typography>
      <Card>
        <CardContent>
          <InputsPanel consultationId={GENERAL_INPUT} />
        </CardContent>
      </Card>
    </Box>
  );
}
