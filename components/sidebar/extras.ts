import { PropertyEditor } from '../shared/PropertyField';
import { insertAtCursor } from './host/composer';
import { AssociateSearch } from './AssociateSearch';
import { ContactMerges } from './ContactMerges';
import { CreateForm } from './CreateForm';
import { DetailsPanel } from './DetailsPanel';
import { MenuPanel } from './MenuPanel';
import { SnoozeForm } from './SnoozeForm';
import { NoteActions } from '../shared/NoteActions';
import { runShortcut } from './shortcuts';
import { TagInput } from '../shared/TagInput';
import css from './extras.css?inline';

/**
 * The sidebar's controls that only a click opens: the create form (R1), the
 * property editors (R4), the details panel (R6), the ⋯ menu's items and trash
 * confirmation (R10–R12), the "add to any ticket" search (R3), the note
 * editor and the composer insert (R14), the tag input, the keyboard shortcuts but the
 * toggle, and the contact card's merge and split controls (shown only when
 * there is a suggestion or a merge), with their styles.
 * Grouped so their styles join the shadow root only once the agent first
 * reaches for the sidebar (host/start.tsx). They used to be a separate script
 * run on first use; in the content script they cost a page load under 0.2 ms.
 */
export const extras = { AssociateSearch, ContactMerges, CreateForm, DetailsPanel, MenuPanel, NoteActions, SnoozeForm, PropertyEditor, TagInput, insertAtCursor, runShortcut, css };

export type Extras = typeof extras;
