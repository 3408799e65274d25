import AddIcon from '@mui/icons-material/AddCircleOutlineOutlined';
import ArrowDownwardIcon from '@mui/icons-material/ArrowCircleDown';
import ArrowUpwardIcon from '@mui/icons-material/ArrowCircleUp';
import RemoveIcon from '@mui/icons-material/RemoveCircleOutlineOutlined';
import { Button } from '@mui/material';
import { IconButtonWithTooltip, useSimpleFormIterator, useSimpleFormIteratorItem } from 'react-admin';

/** Adds a line; its text says what (react-admin's own is a "+" named only "Legg til"). */
function AddItemButton({ label }: { label: string }) {
  const { add } = useSimpleFormIterator();
  return (
    <Button size="small" startIcon={<AddIcon />} onClick={() => add()}>
      {label}
    </Button>
  );
}

/** Icon buttons whose accessible name is their tooltip's text. */
function RemoveItemButton({ label }: { label: string }) {
  const { remove } = useSimpleFormIteratorItem();
  return (
    <IconButtonWithTooltip label={label} size="small" color="warning" onClick={() => remove()}>
      <RemoveIcon fontSize="small" />
    </IconButtonWithTooltip>
  );
}

function MoveButtons() {
  const { index, total, reOrder } = useSimpleFormIteratorItem();
  return (
    <>
      <IconButtonWithTooltip label="Flytt opp" size="small" color="primary" disabled={index <= 0} onClick={() => reOrder(index - 1)}>
        <ArrowUpwardIcon fontSize="small" />
      </IconButtonWithTooltip>
      <IconButtonWithTooltip label="Flytt ned" size="small" color="primary" disabled={index >= total - 1} onClick={() => reOrder(index + 1)}>
        <ArrowDownwardIcon fontSize="small" />
      </IconButtonWithTooltip>
    </>
  );
}

/**
 * The buttons of a SimpleFormIterator, named for what the list holds: "Legg til økt" as text,
 * "Fjern økt", "Flytt opp" and "Flytt ned" as icons whose name and tooltip are the same words.
 */
export function iteratorButtons(names: { add: string; remove: string }) {
  return {
    addButton: <AddItemButton label={names.add} />,
    removeButton: <RemoveItemButton label={names.remove} />,
    reOrderButtons: <MoveButtons />,
  };
}
