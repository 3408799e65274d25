import { Box } from '@mui/material';
import type { ReactNode } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import {
  ArrayInput,
  AutocompleteArrayInput,
  BooleanInput,
  SaveButton,
  SelectArrayInput,
  SelectInput,
  SimpleForm,
  SimpleFormIterator,
  TextInput,
  Toolbar,
  useGetList,
  useRecordContext,
} from 'react-admin';
import { RichTextInput } from '../shared/RichTextInput';
import { defaultLevelByType, productTypes, type Product } from '../../../content-model';
import { iteratorButtons } from '../shared/iteratorButtons';
import { FormSection } from '../shared/sections';
import { AttachmentsInput } from './AttachmentsInput';
import { levelChoices, productTypeChoices, targetGroupChoices, themeChoices, topicCategoryChoices } from './choices';
import { validateProductForm } from './productPayload';

function Row({ children }: { children: ReactNode }) {
  return <Box sx={{ display: 'flex', flexWrap: 'wrap', columnGap: 2, '& > *': { flex: '1 1 260px' } }}>{children}</Box>;
}

/** Picking a type pre-fills the level the governance model gives it; the editor may still change the level. */
function ProductTypeInput() {
  const { setValue } = useFormContext();
  return (
    <SelectInput
      source="type"
      choices={productTypeChoices}
      isRequired
      onChange={(event) => {
        const type = productTypes.schema.safeParse('target' in event ? event.target.value : undefined);
        if (type.success) setValue('level', defaultLevelByType[type.data], { shouldDirty: true, shouldValidate: true });
      }}
    />
  );
}

/** Level 3 documents are issued by others: only then is the publisher asked for (and required). */
function PublisherInput() {
  const level = useWatch({ name: 'level' });
  if (level !== 3) return null;
  return <TextInput source="publisher" isRequired helperText="Hvem som har utgitt dokumentet, f.eks. Datatilsynet" />;
}

function RelatedProductsInput() {
  const current = useRecordContext<Product>();
  const { data: products = [], isPending } = useGetList<Product>('products', {
    pagination: { page: 1, perPage: 200 },
    sort: { field: 'title', order: 'ASC' },
  });
  const choices = products.filter((product) => product.id !== current?.id).map((product) => ({ id: product.slug, name: product.title }));
  return <AutocompleteArrayInput source="relatedProducts" choices={choices} isPending={isPending} helperText="Velg produkter som bør vises sammen med dette" />;
}

function SaveOnlyToolbar() {
  // No delete button: products are retired through the lifecycle, never deleted.
  return (
    <Toolbar>
      <SaveButton label="Lagre" />
    </Toolbar>
  );
}

/** The product form, shared by create and edit; validated with the same content-model schema as the API. */
export function ProductForm({ intro }: { intro?: ReactNode }) {
  return (
    // noValidate: the schema's Norwegian messages, not the browser's own (English) ones.
    <SimpleForm validate={validateProductForm} toolbar={<SaveOnlyToolbar />} warnWhenUnsavedChanges noValidate>
      {intro}
      <FormSection title="Klassifisering">
        <TextInput source="title" isRequired fullWidth />
        <TextInput source="slug" helperText="Valgfri ved opprettelse – lages fra tittelen. Små bokstaver, tall og bindestrek." fullWidth />
        <Row>
          <ProductTypeInput />
          <SelectInput source="level" choices={levelChoices} helperText="Foreslås fra typen, kan overstyres" />
          <SelectInput source="topicCategory" choices={topicCategoryChoices} isRequired />
        </Row>
        <PublisherInput />
        <BooleanInput source="riskOrTechnology" helperText="Evalueres oftere, som kjernetema" />
        <Row>
          <SelectArrayInput source="themes" choices={themeChoices} />
          <SelectArrayInput source="targetGroups" choices={targetGroupChoices} />
        </Row>
      </FormSection>
      <FormSection title="Eierskap og prioritering">
        <Row>
          <TextInput source="owner.name" isRequired />
          <TextInput source="owner.email" type="email" isRequired />
        </Row>
        <BooleanInput source="currentNeed" helperText="Prioriteres i neste års handlingsplan" />
      </FormSection>
      <FormSection title="Innhold">
        <TextInput source="summary" multiline minRows={3} fullWidth />
        <RichTextInput source="body" fullWidth />
        <AttachmentsInput />
        <ArrayInput source="legalReferences" label="resources.products.fields.legalReferencesList">
          {/* The remove buttons always shown (react-admin shows them only on hover), so the keyboard reaches them too. */}
          <SimpleFormIterator
            inline
            disableReordering
            sx={{ '& .RaSimpleFormIterator-action': { visibility: 'visible' } }}
            {...iteratorButtons({ add: 'Legg til rettslig referanse', remove: 'Fjern referansen' })}
          >
            <TextInput source="title" helperText={false} />
            <TextInput source="url" type="url" helperText={false} />
          </SimpleFormIterator>
        </ArrayInput>
        <RelatedProductsInput />
      </FormSection>
    </SimpleForm>
  );
}
