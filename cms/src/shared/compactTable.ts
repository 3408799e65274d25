/**
 * For the wide tables (the document overview, the priority report), so that they fit 1440 px with
 * the side menu open: tighter cell padding, headers that wrap and sit on the bottom line, and
 * chips always in full. MUI caps a chip at its cell's width and cuts the label with an ellipsis;
 * here the chip keeps its width and the columns of words (titles, owners) give way instead.
 */
export const compactTableSx = {
  '& .MuiTableCell-root': { px: 1 },
  '& .MuiTableCell-head': { verticalAlign: 'bottom', lineHeight: 1.3 },
  '& .MuiChip-root': { maxWidth: 'none' },
  '& .MuiChip-label': { overflow: 'visible', textOverflow: 'clip' },
} as const;
