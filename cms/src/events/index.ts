import EventIcon from '@mui/icons-material/Event';
import { lazy } from 'react';
import type { ResourceProps } from 'react-admin';
import { EventList } from './EventList';
import { EventShow } from './EventShow';

// The form pulls in the rich-text editor (tiptap/ProseMirror); load it only when someone edits.
const EventCreate = lazy(() => import('./EventCreate').then((module) => ({ default: module.EventCreate })));
const EventEdit = lazy(() => import('./EventEdit').then((module) => ({ default: module.EventEdit })));

/** Events ("Arrangementer"); editors and admins only (auth/permissions.ts). */
export const events = {
  list: EventList,
  show: EventShow,
  create: EventCreate,
  edit: EventEdit,
  icon: EventIcon,
  options: { label: 'Arrangementer' },
  recordRepresentation: 'title',
} satisfies Omit<ResourceProps, 'name'>;
