import { Alert } from '@mui/material';
import { Edit, useRecordContext } from 'react-admin';
import type { Product } from '../../../content-model';
import { ProductForm } from './ProductForm';

/** A published version is immutable: saving starts the next version beside it (chapter 8). */
function NewVersionNotice() {
  const product = useRecordContext<Product>();
  if (!product || product.publishedVersion === null) return null;
  const draftingNext = product.workingVersion > product.publishedVersion;
  return (
    <Alert severity="info" sx={{ mb: 1, maxWidth: 960 }}>
      {draftingNext
        ? `Du redigerer utkastet til versjon ${product.workingVersion}. Versjon ${product.publishedVersion} er fortsatt den publiserte.`
        : `Versjon ${product.publishedVersion} er publisert. Når du lagrer, opprettes et utkast til versjon ${product.publishedVersion + 1}; den publiserte versjonen vises til det nye utkastet publiseres.`}
    </Alert>
  );
}

function EditTitle() {
  const product = useRecordContext<Product>();
  return <span>Rediger: {product?.title ?? ''}</span>;
}

export function ProductEdit() {
  return (
    <Edit title={<EditTitle />} mutationMode="pessimistic" redirect="show">
      <ProductForm intro={<NewVersionNotice />} />
    </Edit>
  );
}
