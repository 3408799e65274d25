import { Alert } from '@mui/material';
import type { ReactNode } from 'react';
import { AutocompleteArrayInput, CheckboxGroupInput, SaveButton, SimpleForm, TextInput, Toolbar, useGetList, useRecordContext } from 'react-admin';
import { RichTextInput } from '../shared/RichTextInput';
import type { Campaign, Product } from '../../../content-model';
import { FormSection } from '../shared/sections';
import { validateCampaignForm } from './campaignPayload';
import { interestChoices, isEditable } from './NewsletterChips';

/**
 * Links to products in the delivery API ("Les mer" in the email). Only published products have a
 * page there; a product already linked stays selectable even if it has since been unpublished.
 */
function LinkedProductsInput() {
  const campaign = useRecordContext<Campaign>();
  const { data: products = [], isPending } = useGetList<Product>('products', {
    pagination: { page: 1, perPage: 200 },
    sort: { field: 'title', order: 'ASC' },
  });
  const linked = new Set(campaign?.linkedProducts ?? []);
  const choices = products
    .filter((product) => product.publishedVersion !== null || linked.has(product.slug))
    .map((product) => ({ id: product.slug, name: product.title }));
  for (const slug of linked) if (!choices.some((choice) => choice.id === slug)) choices.push({ id: slug, name: slug });
  return (
    <AutocompleteArrayInput
      source="linkedProducts"
      choices={choices}
      isPending={isPending}
      fullWidth
      helperText="Publiserte produkter som lenkes til under «Les mer» nederst i e-posten"
    />
  );
}

function CampaignToolbar() {
  // No delete: sent issues form the public archive, and a draft costs nothing to keep.
  return (
    <Toolbar>
      <SaveButton label="Lagre utkast" />
    </Toolbar>
  );
}

/** Shown instead of the form once the send has started: the text is final then. */
export function NotEditableNotice() {
  return <Alert severity="info">Utsendelsen har startet, og nyhetsbrevet kan ikke lenger endres.</Alert>;
}

/** The newsletter form, shared by create and edit; validated with the same content-model schema as the API. */
export function CampaignForm({ intro }: { intro?: ReactNode }) {
  const campaign = useRecordContext<Campaign>();
  if (campaign?.id !== undefined && !isEditable(campaign)) return <NotEditableNotice />;
  return (
    // noValidate: the schema's Norwegian messages, not the browser's own (English) ones.
    <SimpleForm validate={validateCampaignForm} toolbar={<CampaignToolbar />} warnWhenUnsavedChanges noValidate>
      {intro}
      <FormSection title="Innhold">
        <TextInput source="subject" isRequired fullWidth helperText="Emnefeltet i e-posten" />
        <RichTextInput source="body" isRequired fullWidth />
      </FormSection>
      <FormSection title="Mottakere">
        <CheckboxGroupInput
          source="interests"
          choices={interestChoices}
          row={false}
          helperText="Nyhetsbrevet går til bekreftede abonnenter som har valgt minst én av de avkryssede interessene. Ingen valgt = generelle nyheter til alle bekreftede abonnenter."
        />
      </FormSection>
      <FormSection title="Lenker">
        <LinkedProductsInput />
      </FormSection>
    </SimpleForm>
  );
}
