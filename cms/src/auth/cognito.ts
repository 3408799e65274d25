import { z } from 'zod';

/**
 * The two Cognito InitiateAuth flows the CMS needs, as plain JSON-over-HTTP calls. Using fetch
 * instead of the AWS SDK keeps the bundle small and works the same against cognito-local.
 */
export interface CognitoSettings {
  endpoint: string;
  clientId: string;
}

const authenticationResultSchema = z.object({
  AccessToken: z.string().min(1),
  IdToken: z.string().min(1),
  /** Absent when refreshing: Cognito keeps the refresh token it already issued. */
  RefreshToken: z.string().min(1).optional(),
  /** Seconds; cognito-local leaves it out, and then the token's own exp claim decides. */
  ExpiresIn: z.number().int().positive().optional(),
});
export type AuthenticationResult = z.infer<typeof authenticationResultSchema>;

const initiateAuthResponseSchema = z.object({
  AuthenticationResult: authenticationResultSchema.optional(),
  ChallengeName: z.string().optional(),
});

const cognitoErrorSchema = z.object({ __type: z.string().optional(), message: z.string().optional() });

/** Thrown for a rejected login or refresh; the message is meant for the user. */
export class CognitoAuthError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'CognitoAuthError';
  }
}

function userMessageFor(code: string): string {
  // Cognito sends the error type as "prefix#Name" from real AWS and plain "Name" from cognito-local.
  const name = code.split('#').pop() ?? code;
  switch (name) {
    case 'NotAuthorizedException':
    case 'UserNotFoundException':
    case 'InvalidPasswordException': // cognito-local's answer to a wrong password
      return 'Feil brukernavn eller passord';
    case 'UserNotConfirmedException':
      return 'Brukeren er ikke bekreftet ennå';
    case 'PasswordResetRequiredException':
      return 'Passordet må tilbakestilles før du kan logge inn';
    case 'TooManyRequestsException':
    case 'LimitExceededException':
      return 'For mange forsøk – vent litt og prøv igjen';
    default:
      return 'Innloggingen feilet – prøv igjen senere';
  }
}

async function initiateAuth(
  settings: CognitoSettings,
  authFlow: 'USER_PASSWORD_AUTH' | 'REFRESH_TOKEN_AUTH',
  authParameters: Record<string, string>,
): Promise<AuthenticationResult> {
  let response: Response;
  try {
    response = await fetch(settings.endpoint, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-amz-json-1.1',
        'X-Amz-Target': 'AWSCognitoIdentityProviderService.InitiateAuth',
      },
      body: JSON.stringify({ AuthFlow: authFlow, ClientId: settings.clientId, AuthParameters: authParameters }),
    });
  } catch {
    throw new CognitoAuthError('Får ikke kontakt med innloggingstjenesten', 'NetworkError');
  }
  const payload: unknown = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = cognitoErrorSchema.safeParse(payload);
    const code = (error.success ? error.data.__type : undefined) ?? `HTTP${response.status}`;
    throw new CognitoAuthError(userMessageFor(code), code);
  }
  const result = initiateAuthResponseSchema.safeParse(payload);
  if (!result.success) throw new CognitoAuthError('Uventet svar fra innloggingstjenesten', 'InvalidResponse');
  const parsed = result.data;
  if (!parsed.AuthenticationResult) {
    // E.g. NEW_PASSWORD_REQUIRED for users created with a temporary password: not handled in the CMS.
    throw new CognitoAuthError(
      `Innloggingen krever et ekstra steg (${parsed.ChallengeName ?? 'ukjent'}) som CMS-et ikke støtter – kontakt en administrator`,
      parsed.ChallengeName ?? 'Challenge',
    );
  }
  return parsed.AuthenticationResult;
}

export function logInWithPassword(settings: CognitoSettings, username: string, password: string): Promise<AuthenticationResult> {
  return initiateAuth(settings, 'USER_PASSWORD_AUTH', { USERNAME: username, PASSWORD: password });
}

export function refreshTokens(settings: CognitoSettings, refreshToken: string): Promise<AuthenticationResult> {
  return initiateAuth(settings, 'REFRESH_TOKEN_AUTH', { REFRESH_TOKEN: refreshToken });
}
