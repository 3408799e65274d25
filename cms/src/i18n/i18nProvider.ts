import polyglotI18nProvider from 'ra-i18n-polyglot';
import englishMessages from 'ra-language-english';
import { mergeTranslations, type TranslationMessages } from 'react-admin';
import { norwegianMessages } from './nb';

/** English underneath as fallback: a key we have not translated shows English, never the raw key. */
const messages = mergeTranslations(englishMessages, ...norwegianMessages) as TranslationMessages;

export const i18nProvider = polyglotI18nProvider(() => messages, 'nb', [{ locale: 'nb', name: 'Norsk bokmål' }], {
  allowMissing: true,
});
