import { Box, Card, CardContent, Typography, type CardProps } from '@mui/material';
import type { ReactNode } from 'react';

/** A titled part of a long form (h2), at most 960 px wide unless `wide` (rows of many inputs). */
export function FormSection({ title, wide = false, children }: { title: string; wide?: boolean; children: ReactNode }) {
  return (
    <Box component="section" sx={{ width: '100%', maxWidth: wide ? 1280 : 960, mb: 2 }}>
      <Typography variant="h6" component="h2" sx={{ mt: 2, mb: 1 }}>
        {title}
      </Typography>
      {children}
    </Box>
  );
}

/** A card named by its h2 title (the title's id labels the section). */
export function CardSection({ id, title, variant, children }: { id: string; title: string; variant?: CardProps['variant']; children: ReactNode }) {
  return (
    <Card component="section" aria-labelledby={id} variant={variant}>
      <CardContent>
        <Typography id={id} variant="h6" component="h2" gutterBottom>
          {title}
        </Typography>
        {children}
      </CardContent>
    </Card>
  );
}
