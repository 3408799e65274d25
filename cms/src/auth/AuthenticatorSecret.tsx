import { Box, Typography } from '@mui/material';
import qrcode from 'qrcode-generator';
import { useMemo } from 'react';

/**
 * What a person needs to add Normen to an authenticator app: the steps, the QR code and the key to
 * type by hand. Shown on the profile page and, when the pool requires two-step sign-in, at sign-in.
 */
export function AuthenticatorSecret({ secret, account }: { secret: string; account: string }) {
  const otpauth = `otpauth://totp/${encodeURIComponent(`Normen:${account}`)}?secret=${secret}&issuer=Normen`;
  return (
    <>
      <Typography component="ol" variant="body2" sx={{ pl: 3, mt: 0 }}>
        <li>Åpne autentiseringsappen og velg å legge til en konto.</li>
        <li>Skann QR-koden, eller skriv inn nøkkelen under den.</li>
        <li>Skriv inn koden appen viser for Normen.</li>
      </Typography>
      <QrCode text={otpauth} label={`QR-kode for å legge til Normen (${account}) i autentiseringsappen`} />
      <Typography variant="body2" sx={{ mt: 1 }}>
        Nøkkel:{' '}
        <Box component="code" sx={{ fontSize: '1rem' }}>
          {grouped(secret)}
        </Box>
      </Typography>
    </>
  );
}

/** The QR code an authenticator app scans, drawn as SVG from the code's modules. */
function QrCode({ text, label }: { text: string; label: string }) {
  const { size, path } = useMemo(() => {
    const code = qrcode(0, 'M');
    code.addData(text);
    code.make();
    const count = code.getModuleCount();
    const parts: string[] = [];
    for (let row = 0; row < count; row += 1) {
      for (let col = 0; col < count; col += 1) if (code.isDark(row, col)) parts.push(`M${col + 4},${row + 4}h1v1h-1z`);
    }
    // Four modules of white around it, as scanners expect.
    return { size: count + 8, path: parts.join('') };
  }, [text]);
  return (
    <Box
      component="svg"
      role="img"
      aria-label={label}
      viewBox={`0 0 ${size} ${size}`}
      sx={{ width: 200, height: 200, display: 'block', bgcolor: '#fff', border: 1, borderColor: 'divider' }}
      shapeRendering="crispEdges"
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </Box>
  );
}

/** The secret in groups of four, easier to type into an app by hand. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(' ') ?? secret;
