import ArrowDropDownIcon from '@mui/icons-material/ArrowDropDown';
import { Button, Menu, MenuItem } from '@mui/material';
import {
  AlignmentButtons,
  ClearButtons,
  ColorButtons,
  DefaultEditorOptions,
  FormatButtons,
  ImageButtons,
  LinkButtons,
  ListButtons,
  QuoteButtons,
  RichTextInput as LibraryRichTextInput,
  RichTextInputToolbar,
  useTiptapEditor,
  type RichTextInputProps,
} from 'ra-input-rich-text';
import { useEffect, useId, useMemo, useReducer, useState } from 'react';
import { useResourceContext, useTranslateLabel } from 'react-admin';

type Level = { label: string; level: 0 | 1 | 2 | 3 | 4 | 5 | 6 };
const levels: Level[] = [{ label: 'Avsnitt', level: 0 }, ...([1, 2, 3, 4, 5, 6] as const).map((level) => ({ label: `Overskrift ${level}`, level }))];

/**
 * The text level as a menu button whose name starts with what it shows (WCAG 2.5.3). The library's
 * own is a list item in a <nav> (a stray <li>) named "current level" whatever it shows, with English
 * heading names.
 */
function LevelSelect() {
  const editor = useTiptapEditor();
  const menuId = useId();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  // The level follows the cursor: re-read it after every editor transaction.
  const [, refresh] = useReducer((count: number) => count + 1, 0);
  useEffect(() => {
    if (!editor) return;
    editor.on('transaction', refresh);
    return () => {
      editor.off('transaction', refresh);
    };
  }, [editor]);
  const current =
    (editor ? levels.find(({ level }) => (level === 0 ? editor.isActive('paragraph') : editor.isActive('heading', { level }))) : undefined) ?? levels[0];
  const choose = ({ level }: Level) => {
    setAnchor(null);
    // setNode is tiptap's core command (setParagraph/setHeading are typed only with their extensions).
    if (level === 0) editor.chain().focus().setNode('paragraph').run();
    else editor.chain().focus().setNode('heading', { level }).run();
  };
  return (
    <>
      <Button
        variant="outlined"
        size="small"
        color="inherit"
        endIcon={<ArrowDropDownIcon />}
        aria-label={`${current?.label} – velg tekstnivå`}
        aria-haspopup="menu"
        aria-expanded={anchor ? 'true' : 'false'}
        aria-controls={anchor ? menuId : undefined}
        disabled={!editor?.isEditable}
        onClick={(event) => setAnchor(event.currentTarget)}
        sx={{ textTransform: 'none' }}
      >
        {current?.label}
      </Button>
      <Menu id={menuId} anchorEl={anchor} open={anchor !== null} onClose={() => setAnchor(null)}>
        {levels.map((level) => (
          <MenuItem key={level.level} selected={level === current} onClick={() => choose(level)}>
            {level.label}
          </MenuItem>
        ))}
      </Menu>
    </>
  );
}

function Toolbar() {
  return (
    <RichTextInputToolbar>
      <LevelSelect />
      <FormatButtons size="medium" />
      <ColorButtons size="medium" />
      <AlignmentButtons size="medium" />
      <ListButtons size="medium" />
      <LinkButtons size="medium" />
      <ImageButtons size="medium" />
      <QuoteButtons size="medium" />
      <ClearButtons size="medium" />
    </RichTextInputToolbar>
  );
}

/**
 * ra-input-rich-text's editor with an accessible name: the library labels only the wrapper around
 * the editable area, so screen readers met an unnamed text box (WCAG 4.1.2). The name is the visible
 * label's text, so speech users can say what they see (2.5.3).
 */
export function RichTextInput(props: RichTextInputProps) {
  const resource = useResourceContext(props);
  const translateLabel = useTranslateLabel();
  const name = String(translateLabel({ label: props.label, source: props.source, ...(resource ? { resource } : {}) }));
  const required = props.isRequired === true;
  // Memoised: the editor is recreated whenever its options change.
  const editorOptions = useMemo(
    () => ({
      ...DefaultEditorOptions,
      editorProps: {
        attributes: { 'aria-label': name, 'aria-multiline': 'true', ...(required ? { 'aria-required': 'true' } : {}) },
      },
    }),
    [name, required],
  );
  return <LibraryRichTextInput toolbar={<Toolbar />} {...props} editorOptions={editorOptions} />;
}
