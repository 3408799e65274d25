/**
 * A minimal, valid one-page PDF with a title and a few lines, so the demo products have real files
 * to upload and download without shipping binaries in the repository.
 */
export function minimalPdf(title: string, lines: string[]): Buffer {
  // PDF base-14 fonts use WinAnsi; map the Norwegian letters to their octal escapes.
  const winAnsi: Record<string, string> = { æ: '\\346', ø: '\\370', å: '\\345', Æ: '\\306', Ø: '\\330', Å: '\\305', '–': '-' };
  const escapePdf = (text: string) => text.replace(/[\\()]/g, (char) => `\\${char}`).replace(/[æøåÆØÅ–]/g, (char) => winAnsi[char] ?? '?');
  const content = [
    'BT /F1 20 Tf 56 780 Td',
    `(${escapePdf(title)}) Tj`,
    '/F1 11 Tf 0 -32 Td',
    ...lines.flatMap((line) => [`(${escapePdf(line)}) Tj`, '0 -16 Td']),
    'ET',
  ].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(pdf, 'latin1'));
    pdf += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  pdf += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}
