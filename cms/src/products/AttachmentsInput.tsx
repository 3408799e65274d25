import DeleteIcon from '@mui/icons-material/Delete';
import PictureAsPdfIcon from '@mui/icons-material/PictureAsPdf';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import { Box, Button, CircularProgress, IconButton, List, ListItem, ListItemIcon, ListItemText, Typography } from '@mui/material';
import { useState, type ChangeEvent } from 'react';
import { get, useFormContext, useFormState } from 'react-hook-form';
import { useDataProvider, useInput, useNotify, useRecordContext } from 'react-admin';
import { maxAttachmentBytes, uploadRequestSchema, type Attachment, type Product } from '../../../content-model';
import type { CmsDataProvider } from '../data/dataProvider';

function formatSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} kB`;
  return `${(bytes / (1024 * 1024)).toLocaleString('nb-NO', { maximumFractionDigits: 1 })} MB`;
}

/**
 * PDF attachments of the working copy. Choosing a file uploads it straight away (upload ticket,
 * then a form POST to the presigned URL) and adds it to the form; it becomes part of the product
 * when the editor saves, like any other change. The save checks the stored file is a PDF and
 * names the attachment if it is not.
 */
export function AttachmentsInput() {
  const product = useRecordContext<Product>();
  const { field } = useInput<Attachment[]>({ source: 'attachments', defaultValue: [] });
  const dataProvider = useDataProvider<CmsDataProvider>();
  const notify = useNotify();
  const [uploading, setUploading] = useState(false);
  const attachments: Attachment[] = Array.isArray(field.value) ? field.value : [];
  // The API names a refused file as `attachments.N` (not a PDF, wrong size, not uploaded); shown on that file.
  const { clearErrors } = useFormContext();
  const { errors } = useFormState({ name: 'attachments' });
  const problemWith = (index: number): string | undefined => {
    const message: unknown = get(errors, `attachments.${index}.message`);
    return typeof message === 'string' ? message : undefined;
  };

  async function upload(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const file = input.files?.[0];
    input.value = '';
    if (!file || !product) return;
    const request = uploadRequestSchema.safeParse({ fileName: file.name, contentType: 'application/pdf', size: file.size });
    if (!request.success) {
      notify(`Kun PDF-filer på inntil ${maxAttachmentBytes / (1024 * 1024)} MB kan lastes opp`, { type: 'error' });
      return;
    }
    setUploading(true);
    try {
      const attachment = await dataProvider.uploadProductFile(String(product.id), file);
      clearErrors('attachments');
      field.onChange([...attachments, attachment]);
      notify(`«${attachment.fileName}» er lastet opp – husk å lagre`, { type: 'info' });
    } catch (error) {
      notify(error instanceof Error ? error.message : 'Opplastingen feilet', { type: 'error' });
    } finally {
      setUploading(false);
    }
  }

  function remove(key: string) {
    clearErrors('attachments'); // the indexes the errors name no longer hold
    field.onChange(attachments.filter((attachment) => attachment.key !== key));
  }

  return (
    <Box sx={{ width: '100%', mb: 2 }}>
      <Typography variant="subtitle2" component="h3" gutterBottom>
        Vedlegg (PDF)
      </Typography>
      {attachments.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          Ingen vedlegg.
        </Typography>
      ) : (
        <List dense aria-label="Vedlegg">
          {attachments.map((attachment, index) => (
            <ListItem
              key={attachment.key}
              secondaryAction={
                <IconButton edge="end" aria-label={`Fjern ${attachment.fileName}`} onClick={() => remove(attachment.key)}>
                  <DeleteIcon />
                </IconButton>
              }
            >
              <ListItemIcon>
                <PictureAsPdfIcon />
              </ListItemIcon>
              <ListItemText
                primary={attachment.fileName}
                secondary={problemWith(index) ?? formatSize(attachment.size)}
                slotProps={{ secondary: problemWith(index) ? { color: 'error', role: 'alert' } : {} }}
              />
            </ListItem>
          ))}
        </List>
      )}
      {product ? (
        <Button component="label" variant="outlined" startIcon={uploading ? <CircularProgress size={16} /> : <UploadFileIcon />} disabled={uploading}>
          {uploading ? 'Laster opp …' : 'Last opp PDF'}
          <input type="file" accept="application/pdf,.pdf" hidden onChange={upload} aria-label="Velg PDF-fil" />
        </Button>
      ) : (
        <Typography variant="body2" color="text.secondary">
          Du kan laste opp PDF-filer når produktet er opprettet.
        </Typography>
      )}
    </Box>
  );
}
