import { describe, expect, it } from 'vitest';
import { i18nProvider } from '../../cms/src/i18n/i18nProvider';

/** react-admin passes a resource's name as its label ("Produkter"); inside a sentence Norwegian writes it in lower case. */
describe("the CMS's Norwegian sentences with a resource's name", () => {
  it('says "Ingen produkter passer med filtrene" when a list filter matches nothing', () => {
    expect(i18nProvider.translate('ra.navigation.no_filtered_results', { name: 'Produkter', resource: 'products' })).toBe(
      'Ingen produkter passer med filtrene.',
    );
    expect(i18nProvider.translate('ra.navigation.no_results', { name: 'Høringer' })).toBe('Ingen høringer funnet');
    expect(i18nProvider.translate('ra.page.empty', { name: 'Nyhetsbrev' })).toBe('Ingen nyhetsbrev ennå.');
  });

  it('keeps the capital where the name starts the text, and in names that are not resources', () => {
    expect(i18nProvider.translate('ra.page.list', { name: 'Produkter' })).toBe('Produkter');
    expect(i18nProvider.translate('ra.saved_queries.remove_label_with_name', { name: 'Mine Utkast' })).toBe('Fjern søket «Mine Utkast»');
  });
});
