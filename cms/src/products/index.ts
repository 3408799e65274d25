import ArticleIcon from '@mui/icons-material/Article';
import { lazy } from 'react';
import type { ResourceProps } from 'react-admin';
import { ProductList } from './ProductList';
import { ProductShow } from './ProductShow';

// The forms pull in the rich-text editor (tiptap/ProseMirror); load them only when someone edits.
// react-admin's Layout wraps pages in <Suspense>.
const ProductCreate = lazy(() => import('./ProductCreate').then((module) => ({ default: module.ProductCreate })));
const ProductEdit = lazy(() => import('./ProductEdit').then((module) => ({ default: module.ProductEdit })));

/** The document overview ("Dokumentoversikt"): the products list is the overview. */
export const products = {
  list: ProductList,
  show: ProductShow,
  create: ProductCreate,
  edit: ProductEdit,
  icon: ArticleIcon,
  options: { label: 'Dokumentoversikt' },
  recordRepresentation: 'title',
} satisfies Omit<ResourceProps, 'name'>;
