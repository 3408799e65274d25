import OpenInNewIcon from '@mui/icons-material/OpenInNew';
import type { ReactNode } from 'react';
import { Box, Link, Stack, Typography } from '@mui/material';
import {
  ArrayField,
  BooleanField,
  Datagrid,
  EditButton,
  FunctionField,
  Labeled,
  NumberField,
  RichTextField,
  SelectField,
  Show,
  TabbedShowLayout,
  TextField,
  TopToolbar,
  UrlField,
  useRecordContext,
} from 'react-admin';
import { evaluationOutcomes, formatOsloShortDate, targetGroups, themes, type Product } from '../../../content-model';
import { useConfig } from '../config';
import { levelChoices, productTypeChoices, topicCategoryChoices } from './choices';
import { RecordEvaluationButton, RetirementProposal } from './EvaluationActions';
import { LifecycleActions } from './LifecycleActions';
import { OsloDateField } from '../shared/OsloDateField';
import { CurrencyChip, DueChip, StatusChip } from './ProductChips';
import { ProductEvaluations } from './ProductEvaluations';
import { ProductHistory } from './ProductHistory';

function publicUrl(apiUrl: string, product: Product): string {
  return `${apiUrl}/content/products/${encodeURIComponent(product.slug)}`;
}

function PublicLink() {
  const product = useRecordContext<Product>();
  const { apiUrl } = useConfig();
  if (!product || product.publishedVersion === null) return null;
  return (
    <Link href={publicUrl(apiUrl, product)} target="_blank" rel="noopener" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }}>
      Publisert versjon i leverings-API-et <OpenInNewIcon fontSize="inherit" />
    </Link>
  );
}

function ShowActions() {
  return (
    <TopToolbar sx={{ alignItems: 'center', gap: 1 }}>
      <RecordEvaluationButton />
      <LifecycleActions />
      <EditButton label="Rediger" />
    </TopToolbar>
  );
}

function ProductHeader() {
  const product = useRecordContext<Product>();
  if (!product) return null;
  const versionText =
    product.publishedVersion === null
      ? `Versjon ${product.workingVersion} (ikke publisert)`
      : product.workingVersion > product.publishedVersion
        ? `Publisert versjon ${product.publishedVersion} · utkast til versjon ${product.workingVersion}`
        : `Versjon ${product.publishedVersion}`;
  return (
    <Box sx={{ px: 2, pt: 2 }}>
      <Typography variant="h5" component="h1">
        {product.title}
      </Typography>
      <Stack direction="row" spacing={1} sx={{ my: 1, flexWrap: 'wrap', alignItems: 'center' }} role="group" aria-label="Status">
        <StatusChip />
        <CurrencyChip />
        {product.nextEvaluationDue ? <DueChip /> : null}
        <Typography variant="body2" color="text.secondary">
          {versionText}
        </Typography>
      </Stack>
      <PublicLink />
      <RetirementProposal />
    </Box>
  );
}

/** Facts side by side instead of one long column: the overview should fit on one screen. */
function FieldGrid({ children }: { children: ReactNode }) {
  return <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(260px, 1fr))', columnGap: 3, rowGap: 1, width: '100%' }}>{children}</Box>;
}

function VocabularyList({ codes, labels }: { codes: readonly string[]; labels: Record<string, string> }) {
  if (codes.length === 0) return <span>–</span>;
  return <span>{codes.map((code) => labels[code] ?? code).join(', ')}</span>;
}

function ProductTitle() {
  const product = useRecordContext<Product>();
  return <span>{product?.title ?? 'Produkt'}</span>;
}

export function ProductShow() {
  return (
    <Show title={<ProductTitle />} actions={<ShowActions />}>
      <ProductHeader />
      <TabbedShowLayout>
        <TabbedShowLayout.Tab label="Oversikt">
          <FieldGrid>
            <Labeled>
              <SelectField source="type" choices={productTypeChoices} />
            </Labeled>
            <Labeled>
              <SelectField source="level" choices={levelChoices} />
            </Labeled>
            <Labeled>
              <SelectField source="topicCategory" choices={topicCategoryChoices} />
            </Labeled>
            <Labeled>
              <BooleanField source="riskOrTechnology" looseValue />
            </Labeled>
            <Labeled>
              <FunctionField<Product> source="themes" render={(product) => <VocabularyList codes={product.themes} labels={themes.labels} />} />
            </Labeled>
            <Labeled>
              <FunctionField<Product>
                source="targetGroups"
                render={(product) => <VocabularyList codes={product.targetGroups} labels={targetGroups.labels} />}
              />
            </Labeled>
            <Labeled label="Eier">
              <FunctionField<Product> render={(product) => `${product.owner.name} <${product.owner.email}>`} />
            </Labeled>
            <Labeled>
              <TextField source="publisher" emptyText="–" />
            </Labeled>
            <Labeled>
              <BooleanField source="currentNeed" looseValue />
            </Labeled>
            <Labeled>
              <FunctionField<Product>
                source="decision"
                render={(product) => (product.decision ? `${product.decision.reference} (${formatOsloShortDate(product.decision.date)})` : '–')}
              />
            </Labeled>
            <Labeled>
              <OsloDateField source="publishedAt" showTime emptyText="–" />
            </Labeled>
            <Labeled>
              <OsloDateField source="lastChangedAt" showTime />
            </Labeled>
            <Labeled>
              <TextField source="lastChangedBy" />
            </Labeled>
            <Labeled>
              <FunctionField<Product>
                source="lastEvaluatedAt"
                render={(product) =>
                  product.lastEvaluatedAt
                    ? `${formatOsloShortDate(product.lastEvaluatedAt)}${product.lastEvaluationOutcome ? ` – ${evaluationOutcomes.labels[product.lastEvaluationOutcome]}` : ''}`
                    : '–'
                }
              />
            </Labeled>
            <Labeled>
              <FunctionField<Product>
                source="nextEvaluationDue"
                render={(product) =>
                  product.nextEvaluationDue
                    ? formatOsloShortDate(product.nextEvaluationDue)
                    : product.publishedVersion === null
                      ? 'Settes ved publisering'
                      : 'Ingen evalueringssyklus'
                }
              />
            </Labeled>
            <Labeled>
              <NumberField source="downloadsTotal" locales="nb-NO" />
            </Labeled>
            <Labeled>
              <TextField source="slug" />
            </Labeled>
          </FieldGrid>
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="Innhold" path="innhold">
          <TextField source="summary" emptyText="–" />
          <RichTextField source="body" emptyText="–" />
          <ArrayField source="attachments">
            <Datagrid bulkActionButtons={false} rowClick={false} empty={<Typography variant="body2">Ingen vedlegg</Typography>}>
              <TextField source="fileName" label="Fil" />
              <FunctionField<{ size: number }> label="Størrelse" render={(file) => `${Math.max(1, Math.round(file.size / 1024))} kB`} />
            </Datagrid>
          </ArrayField>
          <ArrayField source="legalReferences" label="resources.products.fields.legalReferencesList">
            <Datagrid bulkActionButtons={false} rowClick={false} empty={<Typography variant="body2">Ingen</Typography>}>
              <TextField source="title" label="Tittel" />
              <UrlField source="url" label="Lenke" emptyText="–" target="_blank" rel="noopener" />
            </Datagrid>
          </ArrayField>
          <FunctionField<Product> source="relatedProducts" render={(product) => (product.relatedProducts.length ? product.relatedProducts.join(', ') : '–')} />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="Evalueringer" path="evalueringer">
          <ProductEvaluations />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="Historikk" path="historikk">
          <ProductHistory />
        </TabbedShowLayout.Tab>
      </TabbedShowLayout>
    </Show>
  );
}
