import polyglotI18nProvider from 'ra-i18n-polyglot';
import englishMessages from 'ra-language-english';
import { mergeTranslations, type I18nProvider, type TranslationMessages } from 'react-admin';
import { norwegianMessages } from './nb';

/** English underneath as fallback: a key we have not translated shows English, never the raw key. */
const messages = mergeTranslations(englishMessages, ...norwegianMessages) as TranslationMessages;

const polyglot = polyglotI18nProvider(() => messages, 'nb', [{ locale: 'nb', name: 'Norsk bokmål' }], {
  allowMissing: true,
});

/**
 * The messages that put a resource's name inside a sentence. react-admin passes the name as the
 * resource's label, which starts with a capital ("Produkter"); Norwegian writes it in lower case
 * there: "Ingen produkter passer med filtrene.", not "Ingen Produkter …".
 */
const nameInSentence = new Set([
  'ra.page.create',
  'ra.page.empty',
  'ra.message.bulk_delete_title',
  'ra.message.bulk_update_content',
  'ra.message.bulk_update_title',
  'ra.message.delete_title',
  'ra.navigation.no_filtered_results',
  'ra.navigation.no_results',
]);

export const i18nProvider: I18nProvider = {
  ...polyglot,
  translate: (key, options) =>
    polyglot.translate(
      key,
      nameInSentence.has(key) && typeof options?.name === 'string' ? { ...options, name: options.name.toLocaleLowerCase('nb') } : options,
    ),
};
