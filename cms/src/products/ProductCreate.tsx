import { Create } from 'react-admin';
import { ProductForm } from './ProductForm';

const newProductDefaults = {
  riskOrTechnology: false,
  currentNeed: false,
  themes: [],
  targetGroups: [],
  attachments: [],
  legalReferences: [],
  relatedProducts: [],
  summary: '',
  body: '',
};

export function ProductCreate() {
  return (
    <Create title="Nytt produkt" redirect="show" record={newProductDefaults}>
      <ProductForm />
    </Create>
  );
}
